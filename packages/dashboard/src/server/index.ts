export { DashboardFeed, type DashboardSubscriber } from './dashboard-feed.js';
export { dashboardRoutes, type DashboardRoute } from './dashboard-routes.js';
export { startDashboardServer, type DashboardServer, type DashboardServerSettings } from './dashboard-server.js';
export type { DashboardFeedSettings, DashboardSchedulerSource, DashboardWorkerFigures, DashboardWorkSample, DashboardWorkSource } from './dashboard-sources.js';
