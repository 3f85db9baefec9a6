import { useMemo, useState } from 'preact/hooks';
import type { DashboardJob } from '../dashboard-contract.js';
import { allValues, countBy, countedOptions, DashboardFilter, DashboardFilters, StateBadge } from './dashboard-controls.js';
import { formatCount, formatDuration, noValue } from './dashboard-format.js';
import { jobStateOrder, jobStateView } from './dashboard-states.js';
import { DashboardTable, type DashboardColumn } from './dashboard-table.js';
import { jobRuntime, jobTimeQueued, jobWalltimeLeft } from './dashboard-times.js';

/** What every job cell reads besides its job: the page's clock. */
export type JobsContext = { now: number };

function exitText(job: DashboardJob): string {
  if (job.exitCode === undefined && job.signal === undefined) return noValue;
  return [job.exitCode === undefined ? '' : `code ${job.exitCode}`, job.signal ?? ''].filter(Boolean).join(', ');
}

const columns: readonly DashboardColumn<DashboardJob, JobsContext>[] = [
  { id: 'key', label: 'Job', rowHeader: true, sortValue: (job) => job.key, cell: (job) => job.key },
  { id: 'id', label: 'Batch id', sortValue: (job) => job.id, cell: (job) => job.id },
  { id: 'pool', label: 'Pool', sortValue: (job) => job.pool, cell: (job) => job.pool },
  {
    id: 'state',
    label: 'State',
    sortValue: (job) => jobStateView(job.state).order,
    cell: (job) => <StateBadge {...jobStateView(job.state)} />,
  },
  { id: 'native', label: 'Batch state', sortValue: (job) => job.native, cell: (job) => job.native },
  { id: 'reason', label: 'Reason', wrap: true, sortValue: (job) => job.reason, cell: (job) => job.reason ?? noValue },
  {
    id: 'queued',
    label: 'Queued for',
    numeric: true,
    sortValue: (job, { now }) => jobTimeQueued(job, now),
    cell: (job, { now }) => formatDuration(jobTimeQueued(job, now)),
  },
  {
    id: 'runtime',
    label: 'Runtime',
    numeric: true,
    sortValue: (job, { now }) => jobRuntime(job, now),
    cell: (job, { now }) => formatDuration(jobRuntime(job, now)),
  },
  {
    id: 'walltime-left',
    label: 'Walltime left',
    numeric: true,
    sortValue: (job, { now }) => jobWalltimeLeft(job, now),
    cell: (job, { now }) => formatDuration(jobWalltimeLeft(job, now)),
  },
  { id: 'host', label: 'Host', sortValue: (job) => job.host, cell: (job) => job.host ?? noValue },
  { id: 'exit', label: 'Exit', sortValue: (job) => job.exitCode ?? job.signal, cell: exitText },
];

/** The batch jobs: what the batch system thinks, with filters by state and pool. */
export function DashboardJobs({ jobs, context }: { jobs: readonly DashboardJob[]; context: JobsContext }) {
  const [state, setState] = useState(allValues);
  const [pool, setPool] = useState(allValues);
  const stateCounts = useMemo(() => countBy(jobs, (job) => job.state), [jobs]);
  const poolCounts = useMemo(() => countBy(jobs, (job) => job.pool), [jobs]);
  const shown = useMemo(
    () =>
      state === allValues && pool === allValues
        ? jobs
        : jobs.filter((job) => (state === allValues || job.state === state) && (pool === allValues || job.pool === pool)),
    [jobs, state, pool],
  );
  const summary = jobStateOrder
    .filter((value) => stateCounts.has(value))
    .map((value) => `${formatCount(stateCounts.get(value) ?? 0)} ${jobStateView(value).label}`)
    .join(', ');
  return (
    <section id="jobs" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      <p class="summary">
        {formatCount(jobs.length)} {jobs.length === 1 ? 'job' : 'jobs'}
        {summary ? `: ${summary}` : ''}
      </p>
      <DashboardFilters label="Filter jobs">
        <DashboardFilter
          id="jobs-filter-state"
          label="State"
          value={state}
          allLabel="All states"
          options={countedOptions(stateCounts, jobStateOrder, (value) => jobStateView(value as DashboardJob['state']).label)}
          onChange={setState}
        />
        <DashboardFilter
          id="jobs-filter-pool"
          label="Pool"
          value={pool}
          allLabel="All pools"
          options={countedOptions(poolCounts)}
          onChange={setPool}
        />
      </DashboardFilters>
      <DashboardTable
        id="jobs-table"
        caption="Batch jobs"
        rows={shown}
        rowKey={jobKey}
        columns={columns}
        context={context}
        defaultSort={{ column: 'key', direction: 'ascending' }}
        emptyText={jobs.length === 0 ? 'No jobs yet.' : 'No job matches the filters.'}
        resetKey={`${state}|${pool}`}
      />
    </section>
  );
}

function jobKey(job: DashboardJob): string {
  return job.key;
}
