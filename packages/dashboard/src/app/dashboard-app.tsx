import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { dashboardContractVersion, type DashboardSnapshot } from '../dashboard-contract.js';
import { DashboardAdaptSection } from './dashboard-adapt.js';
import { DashboardEvents } from './dashboard-events.js';
import { DashboardFeed, type DashboardFeedState, type DashboardPendingMessage } from './dashboard-feed.js';
import { DashboardHeader } from './dashboard-header.js';
import { DashboardJobs } from './dashboard-jobs.js';
import { DashboardWorkSection } from './dashboard-work.js';
import { DashboardWorkers } from './dashboard-workers.js';

/** The User Timing names under which each message's time to screen is recorded. */
export const timingNames = { snapshot: 'jq-dashboard-snapshot', update: 'jq-dashboard-update' } as const;
const timingEntriesKept = 500;

/**
 * Records how long a message took from arrival to the DOM (parse, apply, render, commit, chart
 * redraw) as a User Timing measure, visible in the browser's performance tools.
 */
function recordTiming(pending: DashboardPendingMessage): void {
  const name = timingNames[pending.kind];
  if (performance.getEntriesByName(name, 'measure').length >= timingEntriesKept) performance.clearMeasures(name);
  performance.measure(name, { start: pending.receivedAt, end: performance.now() });
}

/** The page's clock: the server's at the last message, run on by the browser's since. */
function displayTime(snapshot: DashboardSnapshot, receivedAt: number): number {
  return snapshot.cluster.closed ? snapshot.cluster.now : snapshot.cluster.now + Math.max(0, Date.now() - receivedAt);
}

/** The whole page. */
export function DashboardApp() {
  const [state, setState] = useState<DashboardFeedState>({ status: 'connecting', snapshot: undefined, receivedAt: 0, problem: undefined });
  const feed = useMemo(() => new DashboardFeed(setState), []);
  const [, setTick] = useState(0);
  useEffect(() => {
    feed.start();
    // Ages, runtimes and lifetimes move between messages; a second is their resolution.
    const timer = setInterval(() => setTick((count) => count + 1), 1_000);
    return () => {
      clearInterval(timer);
      feed.stop();
    };
  }, [feed]);
  useLayoutEffect(() => {
    const pending = feed.takePending();
    // After the microtasks queued in this commit, among them uPlot's redraw of the charts.
    if (pending) queueMicrotask(() => recordTiming(pending));
  });

  const { snapshot } = state;
  const now = snapshot ? displayTime(snapshot, state.receivedAt) : Date.now();
  const clusterNow = snapshot?.cluster.now ?? now;
  // One context object per clock value: rows re-render when the clock moves, not on every render.
  const jobsContext = useMemo(() => ({ now }), [now]);
  const workersContext = useMemo(() => ({ now, clusterNow }), [now, clusterNow]);
  useEffect(() => {
    document.title = snapshot ? `${snapshot.cluster.name} · jobqueue dashboard` : 'jobqueue dashboard';
  }, [snapshot?.cluster.name]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <DashboardHeader cluster={snapshot?.cluster} status={state.status} problem={state.problem} now={now} />
      {snapshot && state.status !== 'unauthorized' ? (
        <nav class="sections" aria-label="Sections">
          <a href="#jobs">Jobs</a> <a href="#workers">Workers</a> <a href="#work">Work</a> <a href="#adapt">Adapt</a>{' '}
          <a href="#events">Events</a>
        </nav>
      ) : null}
      <main id="main" tabIndex={-1}>
        {state.status === 'unauthorized' ? (
          <section class="notice" aria-labelledby="sign-in-heading">
            <h2 id="sign-in-heading">Sign-in needed</h2>
            <p>
              The server did not accept this browser (HTTP 401). Open the URL with the token printed by jobqueue when the cluster started:
              it signs this browser in, and the dashboard then loads.
            </p>
          </section>
        ) : snapshot ? (
          <>
            {snapshot.cluster.closed ? <p class="notice">This cluster is closed: the page shows its last state.</p> : null}
            <DashboardJobs jobs={snapshot.jobs} context={jobsContext} />
            <DashboardWorkers workers={snapshot.workers} context={workersContext} />
            <DashboardWorkSection work={snapshot.work} />
            <DashboardAdaptSection adapt={snapshot.adapt} />
            <DashboardEvents events={snapshot.events} />
          </>
        ) : (
          <p class="notice">
            {state.status === 'failed' ? 'The dashboard cannot show this server’s data.' : 'Loading the cluster’s state…'}
          </p>
        )}
      </main>
      <footer class="page-footer">jobqueue dashboard · data contract version {dashboardContractVersion}</footer>
    </>
  );
}
