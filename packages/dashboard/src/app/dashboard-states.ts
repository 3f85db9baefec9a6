import type { DashboardJobState, DashboardWorkerStatus } from '../dashboard-contract.js';

/** How a state reads at a glance; the colour only repeats what the text says. */
export type DashboardTone = 'good' | 'waiting' | 'bad' | 'neutral';

type StateView = { label: string; tone: DashboardTone; order: number };

/** Every job state in life-cycle order, which is also the order a sort by state follows. */
const jobStates: Record<DashboardJobState, StateView> = {
  queued: { label: 'queued', tone: 'waiting', order: 0 },
  held: { label: 'held', tone: 'waiting', order: 1 },
  running: { label: 'running', tone: 'good', order: 2 },
  completing: { label: 'completing', tone: 'good', order: 3 },
  completed: { label: 'completed', tone: 'neutral', order: 4 },
  failed: { label: 'failed', tone: 'bad', order: 5 },
  cancelled: { label: 'cancelled', tone: 'neutral', order: 6 },
  timeout: { label: 'timed out', tone: 'bad', order: 7 },
  'out-of-memory': { label: 'out of memory', tone: 'bad', order: 8 },
  preempted: { label: 'preempted', tone: 'bad', order: 9 },
  lost: { label: 'lost', tone: 'bad', order: 10 },
  unknown: { label: 'unknown', tone: 'neutral', order: 11 },
};

/** Job states in life-cycle order, for the state filter. */
export const jobStateOrder = Object.keys(jobStates) as DashboardJobState[];

/** The words and tone for a job state; a state this page does not know reads as itself. */
export function jobStateView(state: DashboardJobState): StateView {
  return jobStates[state] ?? { label: String(state), tone: 'neutral', order: jobStateOrder.length };
}

const workerStatuses: Record<DashboardWorkerStatus, StateView> = {
  running: { label: 'running', tone: 'good', order: 0 },
  paused: { label: 'paused', tone: 'waiting', order: 1 },
  retiring: { label: 'retiring', tone: 'neutral', order: 2 },
};

/** Worker statuses in order, for the status filter. */
export const workerStatusOrder = Object.keys(workerStatuses) as DashboardWorkerStatus[];

/** The words and tone for a worker status. */
export function workerStatusView(status: DashboardWorkerStatus): StateView {
  return workerStatuses[status] ?? { label: String(status), tone: 'neutral', order: workerStatusOrder.length };
}
