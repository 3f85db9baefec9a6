import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { DashboardAdapt, DashboardAdaptDecision } from '../dashboard-contract.js';
import { DashboardChart, type ChartSeries } from './dashboard-chart.js';
import { Clock } from './dashboard-controls.js';
import { formatCount } from './dashboard-format.js';
import { contentKeys } from './dashboard-keys.js';
import { DashboardTable, type DashboardColumn } from './dashboard-table.js';

const targetSeries: readonly ChartSeries[] = [
  { label: 'Target jobs', stroke: '#2f6fde', stepped: true },
  { label: 'Live jobs (dashed)', stroke: '#c2570c', dash: [6, 4], stepped: true },
];

const actionLabels: Record<DashboardAdaptDecision['action'], string> = {
  'scale-up': 'scale up',
  'scale-down': 'scale down',
  hold: 'hold',
  wait: 'wait',
};

const count = (value: number) => formatCount(value);

const decisionColumns: readonly DashboardColumn<DashboardAdaptDecision, null>[] = [
  {
    id: 'time',
    label: 'Time',
    rowHeader: true,
    sortValue: (decision) => decision.time,
    cell: (decision) => <Clock time={decision.time} />,
  },
  { id: 'pool', label: 'Pool', sortValue: (decision) => decision.pool, cell: (decision) => decision.pool },
  {
    id: 'action',
    label: 'Action',
    sortValue: (decision) => decision.action,
    cell: (decision) => actionLabels[decision.action] ?? decision.action,
  },
  { id: 'target', label: 'Target', numeric: true, sortValue: (decision) => decision.target, cell: (decision) => count(decision.target) },
  {
    id: 'desired',
    label: 'Desired',
    numeric: true,
    sortValue: (decision) => decision.desiredJobs,
    cell: (decision) => count(decision.desiredJobs),
  },
  { id: 'current', label: 'Live', numeric: true, sortValue: (decision) => decision.current, cell: (decision) => count(decision.current) },
  { id: 'queued', label: 'Queued', numeric: true, sortValue: (decision) => decision.queued, cell: (decision) => count(decision.queued) },
  { id: 'reason', label: 'Reason', wrap: true, cell: (decision) => decision.reason },
];

/** Whether adapt runs, within which bounds, its decisions with their reasons, and target vs live jobs. */
export function DashboardAdaptSection({ adapt }: { adapt: DashboardAdapt }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [adapt.targets.map((point) => point[0]), adapt.targets.map((point) => point[1]), adapt.targets.map((point) => point[2])],
    [adapt.targets],
  );
  const decisionKey = useMemo(
    () => contentKeys(adapt.decisions, (decision) => `${decision.time}|${decision.pool}|${decision.action}`),
    [adapt.decisions],
  );
  const bounds = Object.entries(adapt.bounds ?? {});
  const latest = adapt.targets.at(-1);
  const description = latest ? `Now ${formatCount(latest[1])} target, ${formatCount(latest[2])} live over all pools.` : 'No figures yet.';
  return (
    <section id="adapt" aria-labelledby="adapt-heading">
      <h2 id="adapt-heading">Adapt</h2>
      <p class="summary">
        Adaptive scaling is <strong>{adapt.active ? 'on' : 'off'}</strong>
        {bounds.length > 0 ? '. Bounds: ' : '.'}
        {bounds
          .map(
            ([pool, { minimum, maximum }], index) =>
              `${index > 0 ? '; ' : ''}${pool} ${formatCount(minimum)} ${maximum === undefined ? 'or more' : `to ${formatCount(maximum)}`} jobs`,
          )
          .join('')}
      </p>
      <DashboardChart title="Target and live jobs" description={description} unit="jobs" series={targetSeries} data={data} />
      <h3 id="decisions-heading">Decisions</h3>
      <DashboardTable
        id="decisions-table"
        caption="Adapt decisions"
        rows={adapt.decisions}
        rowKey={decisionKey}
        columns={decisionColumns}
        context={null}
        defaultSort={{ column: 'time', direction: 'descending' }}
        emptyText="Adapt has made no decision."
        initialPageSize={25}
      />
    </section>
  );
}
