/**
 * `@jq/testkit/real-system`: the harness the real-batch-system suites share (Slurm and
 * SGE from `ci/`): clusters with native workers, gated tasks, and the steps each
 * suite asserts on its system.
 *
 * ```ts
 * const slurm: RealSystem = { title: 'Slurm', probe: ['scontrol', 'ping'], … };
 * requireRealSystem(slurm);
 * const { engineCluster, closeEngineClusters } = engineClusters(slurm, createSlurmCluster);
 * ```
 * @module
 */
export { type RealSystem, requireRealSystem, runOutside, systemAnswers } from './real-system.js';
export { type ClusterFactory, type EngineCluster, engineClusters } from './engine-clusters.js';
export { startsByIndex } from './task-starts.js';
export { realSystemEndToEnd } from './real-system-end-to-end.js';
export {
  type ClusterUnderTest,
  type GatedTasks,
  type RealSystemTasks,
  expectRerunElsewhere,
  expectScaledToZero,
  expectSquaresMapped,
  expectSubmissionRefused,
  expectVictimReplaced,
  range,
  realSystemTasksUrl,
  startGatedTasks,
} from './engine-steps.js';
