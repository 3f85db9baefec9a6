/**
 * `@jq/conformance`: the contract tests every jobqueue backend passes, first- or third-party.
 *
 * ```ts
 * import { backendConformanceSuite } from '@jq/conformance';
 * import { it } from 'vitest';
 * backendConformanceSuite(it, () => myBackend, { options: { cores: 1, memory: '1GB' }, fixtures: myFixtures });
 * ```
 * @module
 */
export { backendConformanceSuite } from './backend-conformance-suite.js';
export { renderingTests } from './rendering-tests.js';
export { submitParsingTests } from './submit-parsing-tests.js';
export { statusParsingTests } from './status-parsing-tests.js';
export { cancelTests } from './cancel-tests.js';
export { arrayTests } from './array-tests.js';
export { accountingTests } from './accounting-tests.js';
export { endToEndTests } from './end-to-end-tests.js';
export { ConformanceError } from './conformance-error.js';
export { failures, fixturesIn, type FixtureState } from './fixture-helpers.js';
export type * from './suite-types.js';
