import { useMemo, useState } from 'preact/hooks';
import type { DashboardEvent } from '../dashboard-contract.js';
import { allValues, Clock, countBy, countedOptions, DashboardFilter, DashboardFilters, StateBadge } from './dashboard-controls.js';
import { noValue } from './dashboard-format.js';
import { contentKeys } from './dashboard-keys.js';
import type { DashboardTone } from './dashboard-states.js';
import { DashboardTable, type DashboardColumn } from './dashboard-table.js';
import { TextBlock } from './dashboard-text-block.js';

const kinds: Record<DashboardEvent['kind'], { label: string; tone: DashboardTone }> = {
  submitted: { label: 'submitted', tone: 'waiting' },
  state: { label: 'state', tone: 'neutral' },
  cancelled: { label: 'cancelled', tone: 'neutral' },
  'worker-added': { label: 'worker added', tone: 'good' },
  'worker-removed': { label: 'worker removed', tone: 'neutral' },
  scale: { label: 'scale', tone: 'neutral' },
  adapt: { label: 'adapt', tone: 'neutral' },
  error: { label: 'error', tone: 'bad' },
};
const kindOrder = Object.keys(kinds);
const kindView = (kind: string) => kinds[kind as DashboardEvent['kind']] ?? { label: kind, tone: 'neutral' as const };

const columns: readonly DashboardColumn<DashboardEvent, null>[] = [
  { id: 'time', label: 'Time', rowHeader: true, sortValue: (event) => event.time, cell: (event) => <Clock time={event.time} /> },
  { id: 'kind', label: 'Kind', sortValue: (event) => event.kind, cell: (event) => <StateBadge {...kindView(event.kind)} /> },
  { id: 'message', label: 'Message', wrap: true, cell: (event) => event.message },
  {
    id: 'detail',
    label: 'Detail',
    wrap: true,
    cell: (event) => (event.detail === undefined ? noValue : <TextBlock text={event.detail} summaryLabel="Show detail" />),
  },
];

/** The events log, newest first, with a filter by kind. */
export function DashboardEvents({ events }: { events: readonly DashboardEvent[] }) {
  const [kind, setKind] = useState(allValues);
  const kindCounts = useMemo(() => countBy(events, (event) => event.kind), [events]);
  const shown = useMemo(() => (kind === allValues ? events : events.filter((event) => event.kind === kind)), [events, kind]);
  const eventKey = useMemo(() => contentKeys(events, (event) => `${event.time}|${event.kind}|${event.message}`), [events]);
  return (
    <section id="events" aria-labelledby="events-heading">
      <h2 id="events-heading">Events</h2>
      <DashboardFilters label="Filter events">
        <DashboardFilter
          id="events-filter-kind"
          label="Kind"
          value={kind}
          allLabel="All kinds"
          options={countedOptions(kindCounts, kindOrder, (value) => kindView(value).label)}
          onChange={setKind}
        />
      </DashboardFilters>
      <DashboardTable
        id="events-table"
        caption="Events log"
        rows={shown}
        rowKey={eventKey}
        columns={columns}
        context={null}
        defaultSort={{ column: 'time', direction: 'descending' }}
        emptyText={events.length === 0 ? 'Nothing has happened yet.' : 'No event of this kind.'}
        resetKey={kind}
        initialPageSize={25}
      />
    </section>
  );
}
