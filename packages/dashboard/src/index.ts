export { dashboardAssetsDirectory } from './dashboard-assets.js';
export { applyDashboardUpdate } from './dashboard-update.js';
export { dashboardContractVersion, dashboardLimits } from './dashboard-contract.js';
export type {
  DashboardAdapt,
  DashboardAdaptAction,
  DashboardAdaptBounds,
  DashboardAdaptDecision,
  DashboardAdaptTargetPoint,
  DashboardCluster,
  DashboardEvent,
  DashboardEventKind,
  DashboardFunctionCounts,
  DashboardJob,
  DashboardJobState,
  DashboardSnapshot,
  DashboardTaskFailure,
  DashboardThroughputPoint,
  DashboardUpdate,
  DashboardWork,
  DashboardWorkChange,
  DashboardWorker,
  DashboardWorkerCounters,
  DashboardWorkerStatus,
  DashboardWorkTotals,
} from './dashboard-contract.js';
export * from './server/index.js';
