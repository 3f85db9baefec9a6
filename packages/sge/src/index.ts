export { sgeBackend } from './sge-backend.js';
export { SgeOptionsSchema, type SgeOnlyOptions, type SgeResolvedOptions } from './sge-options.js';
export { sgeDirectives, sgeTaskIndexVariable } from './sge-render.js';
export { sgeJobStatus, sgeStateCodes } from './sge-states.js';
export { sgeAccountingStatus } from './sge-accounting.js';
export { classifySgeError } from './sge-errors.js';
export { createSgeCluster, type SgeClusterSettings } from './sge-cluster.js';
