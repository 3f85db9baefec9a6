export { sgeBackend } from './sge-backend.js';
export { SgeOptionsSchema, type SgeOptions, type SgeResolvedOptions } from './sge-options.js';
export { sgeDirectives, sgeTaskIndexVariable } from './sge-render.js';
export { sgeJobStatus, sgeStateCodes } from './sge-states.js';
export { sgeAccountingStatus } from './sge-accounting.js';
export { classifySgeError } from './sge-errors.js';
export { createSgeCluster } from './sge-cluster.js';
