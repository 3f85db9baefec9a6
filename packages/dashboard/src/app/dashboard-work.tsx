import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { DashboardFunctionCounts, DashboardTaskFailure, DashboardWork } from '../dashboard-contract.js';
import { DashboardChart, type ChartSeries } from './dashboard-chart.js';
import { Clock } from './dashboard-controls.js';
import { formatCount, formatRate } from './dashboard-format.js';
import { contentKeys } from './dashboard-keys.js';
import { DashboardTable, type DashboardColumn } from './dashboard-table.js';
import { TextBlock } from './dashboard-text-block.js';

const throughputSeries: readonly ChartSeries[] = [{ label: 'Tasks/s', stroke: '#2f6fde' }];

const functionColumns: readonly DashboardColumn<DashboardFunctionCounts, null>[] = [
  { id: 'name', label: 'Function', rowHeader: true, sortValue: (counts) => counts.name, cell: (counts) => counts.name },
  { id: 'running', label: 'Running', numeric: true, sortValue: (counts) => counts.running, cell: (counts) => formatCount(counts.running) },
  { id: 'done', label: 'Done', numeric: true, sortValue: (counts) => counts.done, cell: (counts) => formatCount(counts.done) },
  { id: 'failed', label: 'Failed', numeric: true, sortValue: (counts) => counts.failed, cell: (counts) => formatCount(counts.failed) },
];

const failureColumns: readonly DashboardColumn<DashboardTaskFailure, null>[] = [
  { id: 'time', label: 'Time', rowHeader: true, sortValue: (failure) => failure.time, cell: (failure) => <Clock time={failure.time} /> },
  { id: 'function', label: 'Function', sortValue: (failure) => failure.function, cell: (failure) => failure.function },
  { id: 'error', label: 'Error', wrap: true, cell: (failure) => <TextBlock text={failure.error} /> },
];

/** Task totals, throughput over time, counts per function and the latest failures. */
export function DashboardWorkSection({ work }: { work: DashboardWork }) {
  const { totals } = work;
  const data = useMemo<uPlot.AlignedData>(
    () => [work.throughput.map((point) => point[0]), work.throughput.map((point) => point[1])],
    [work.throughput],
  );
  const failureKey = useMemo(
    () =>
      contentKeys(work.failures, (failure) => `${failure.time}|${failure.function}|${failure.error.length}|${failure.error.slice(0, 80)}`),
    [work.failures],
  );
  const latest = work.throughput.at(-1)?.[1];
  const peak = work.throughput.reduce((most, point) => Math.max(most, point[1]), 0);
  const description =
    work.throughput.length === 0 ? 'No figures yet.' : `Latest ${formatRate(latest)}, peak ${formatRate(peak)} over the last 10 minutes.`;
  return (
    <section id="work" aria-labelledby="work-heading">
      <h2 id="work-heading">Work</h2>
      <dl class="totals">
        <div>
          <dt>Submitted</dt>
          <dd>{formatCount(totals.submitted)}</dd>
        </div>
        <div>
          <dt>Queued</dt>
          <dd>{formatCount(totals.queued)}</dd>
        </div>
        <div>
          <dt>Running</dt>
          <dd>{formatCount(totals.running)}</dd>
        </div>
        <div>
          <dt>Done</dt>
          <dd>{formatCount(totals.done)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{formatCount(totals.failed)}</dd>
        </div>
      </dl>
      <DashboardChart
        title="Throughput"
        description={`Tasks finished per second. ${description}`}
        unit="tasks/s"
        series={throughputSeries}
        data={data}
      />
      <h3 id="functions-heading">Functions</h3>
      <DashboardTable
        id="functions-table"
        caption="Tasks by function"
        rows={work.functions}
        rowKey={functionName}
        columns={functionColumns}
        context={null}
        defaultSort={{ column: 'done', direction: 'descending' }}
        emptyText="No task submitted yet."
        initialPageSize={25}
      />
      <h3 id="failures-heading">Failures</h3>
      <DashboardTable
        id="failures-table"
        caption="Latest task failures"
        rows={work.failures}
        rowKey={failureKey}
        columns={failureColumns}
        context={null}
        defaultSort={{ column: 'time', direction: 'descending' }}
        emptyText="No task has failed."
        initialPageSize={25}
      />
    </section>
  );
}

function functionName(counts: DashboardFunctionCounts): string {
  return counts.name;
}
