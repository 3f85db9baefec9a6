import { useMemo, useState } from 'preact/hooks';
import type { DashboardWorker } from '../dashboard-contract.js';
import { allValues, countBy, countedOptions, DashboardFilter, DashboardFilters, StateBadge } from './dashboard-controls.js';
import { formatCount, formatDuration, formatMemory, noValue } from './dashboard-format.js';
import { workerStatusOrder, workerStatusView } from './dashboard-states.js';
import { DashboardTable, type DashboardColumn } from './dashboard-table.js';
import { workerLifetimeLeft } from './dashboard-times.js';

/** The clocks a worker cell reads: the page's, and the server's at the last message. */
export type WorkersContext = { now: number; clusterNow: number };

function memoryCell(worker: DashboardWorker) {
  const { memoryUsed, memoryLimit } = worker;
  return (
    <span class="memory">
      {memoryUsed !== undefined && memoryLimit > 0 ? (
        <meter
          aria-hidden="true"
          min={0}
          max={memoryLimit}
          value={memoryUsed}
          low={memoryLimit * 0.7}
          high={memoryLimit * 0.9}
          optimum={0}
        />
      ) : null}
      {formatMemory(memoryUsed, memoryLimit)}
    </span>
  );
}

const lifetime = (worker: DashboardWorker, { now, clusterNow }: WorkersContext) => workerLifetimeLeft(worker, clusterNow, now);

const columns: readonly DashboardColumn<DashboardWorker, WorkersContext>[] = [
  { id: 'name', label: 'Worker', rowHeader: true, sortValue: (worker) => worker.name, cell: (worker) => worker.name },
  { id: 'job', label: 'Job', sortValue: (worker) => worker.jobKey, cell: (worker) => worker.jobKey },
  { id: 'pool', label: 'Pool', sortValue: (worker) => worker.pool, cell: (worker) => worker.pool },
  { id: 'host', label: 'Host', sortValue: (worker) => worker.host, cell: (worker) => worker.host ?? noValue },
  {
    id: 'status',
    label: 'Status',
    sortValue: (worker) => workerStatusView(worker.status).order,
    cell: (worker) => <StateBadge {...workerStatusView(worker.status)} />,
  },
  { id: 'threads', label: 'Threads', numeric: true, sortValue: (worker) => worker.threads, cell: (worker) => formatCount(worker.threads) },
  {
    id: 'running',
    label: 'Running',
    numeric: true,
    sortValue: (worker) => worker.runningTasks,
    cell: (worker) => formatCount(worker.runningTasks),
  },
  { id: 'done', label: 'Done', numeric: true, sortValue: (worker) => worker.tasksDone, cell: (worker) => formatCount(worker.tasksDone) },
  {
    id: 'failed',
    label: 'Failed',
    numeric: true,
    sortValue: (worker) => worker.tasksFailed,
    cell: (worker) => formatCount(worker.tasksFailed),
  },
  {
    id: 'memory',
    label: 'Memory used',
    numeric: true,
    sortValue: (worker) =>
      worker.memoryUsed === undefined || worker.memoryLimit <= 0 ? undefined : worker.memoryUsed / worker.memoryLimit,
    cell: memoryCell,
  },
  {
    id: 'lifetime',
    label: 'Lifetime left',
    numeric: true,
    sortValue: lifetime,
    cell: (worker, context) => formatDuration(lifetime(worker, context)),
  },
];

/** The connected workers, with filters by pool and status. */
export function DashboardWorkers({ workers, context }: { workers: readonly DashboardWorker[]; context: WorkersContext }) {
  const [pool, setPool] = useState(allValues);
  const [status, setStatus] = useState(allValues);
  const poolCounts = useMemo(() => countBy(workers, (worker) => worker.pool), [workers]);
  const statusCounts = useMemo(() => countBy(workers, (worker) => worker.status), [workers]);
  const shown = useMemo(
    () =>
      pool === allValues && status === allValues
        ? workers
        : workers.filter((worker) => (pool === allValues || worker.pool === pool) && (status === allValues || worker.status === status)),
    [workers, pool, status],
  );
  const threads = workers.reduce((sum, worker) => sum + worker.threads, 0);
  const running = workers.reduce((sum, worker) => sum + worker.runningTasks, 0);
  return (
    <section id="workers" aria-labelledby="workers-heading">
      <h2 id="workers-heading">Workers</h2>
      <p class="summary">
        {formatCount(workers.length)} {workers.length === 1 ? 'worker' : 'workers'} with {formatCount(threads)} threads,{' '}
        {formatCount(running)} tasks running
      </p>
      <DashboardFilters label="Filter workers">
        <DashboardFilter
          id="workers-filter-pool"
          label="Pool"
          value={pool}
          allLabel="All pools"
          options={countedOptions(poolCounts)}
          onChange={setPool}
        />
        <DashboardFilter
          id="workers-filter-status"
          label="Status"
          value={status}
          allLabel="All statuses"
          options={countedOptions(statusCounts, workerStatusOrder, (value) => workerStatusView(value as DashboardWorker['status']).label)}
          onChange={setStatus}
        />
      </DashboardFilters>
      <DashboardTable
        id="workers-table"
        caption="Workers"
        rows={shown}
        rowKey={workerName}
        columns={columns}
        context={context}
        defaultSort={{ column: 'name', direction: 'ascending' }}
        emptyText={workers.length === 0 ? 'No worker is connected.' : 'No worker matches the filters.'}
        resetKey={`${pool}|${status}`}
      />
    </section>
  );
}

function workerName(worker: DashboardWorker): string {
  return worker.name;
}
