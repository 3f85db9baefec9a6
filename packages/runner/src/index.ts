/**
 * `@jq/runner`: one allocation, many ranks. Started on every rank by `srun`, `mpirun`,
 * `pbsdsh` or `blaunch`, rank 0 runs the scheduler and your code, the others its workers.
 *
 * ```ts
 * import { runInAllocation } from '@jq/runner';
 * const total = await runInAllocation(async (client) => (await client.gather(client.map((x: number) => x * x, range))).reduce((a, b) => a + b, 0));
 * ```
 * @module
 */
export { runInAllocation, type RunOptions } from './run-in-allocation.js';
export { detectRank, type AllocationRank } from './runner-ranks.js';
export { defaultHandshakePath, type RankHandshake } from './runner-address-file.js';
export { runFile, type AllocationMain } from './run-file.js';
export { parseRunCommandLine, runSettingsFromFlags, type RunFlags, type RunSettings } from './run-flags.js';
export { allocationFirstHost, firstOfHostList, runSecretVariable } from './runner-fixed-address.js';
export { runDaskInAllocation, type DaskRunOptions } from './runner-dask.js';
