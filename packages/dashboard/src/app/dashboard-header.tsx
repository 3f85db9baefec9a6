import type { DashboardCluster } from '../dashboard-contract.js';
import { Clock } from './dashboard-controls.js';
import type { DashboardFeedStatus } from './dashboard-feed.js';
import { formatDuration } from './dashboard-format.js';

const statusWords: Record<DashboardFeedStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Not signed in',
  failed: 'Stopped',
};

/** A link target the page will follow: only http and https, never `javascript:` or `data:`. */
export function safeLink(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

type HeaderProps = {
  cluster: DashboardCluster | undefined;
  status: DashboardFeedStatus;
  problem: string | undefined;
  now: number;
};

/** The cluster's name and facts, the connection's state, and the link to Dask's own dashboard. */
export function DashboardHeader({ cluster, status, problem, now }: HeaderProps) {
  const daskLink = safeLink(cluster?.daskDashboardUrl);
  return (
    <header class="page-header">
      <div class="title-row">
        <h1>jobqueue cluster{cluster ? <span class="cluster-name"> {cluster.name}</span> : null}</h1>
        <p class={`connection connection-${cluster?.closed ? 'closed' : status}`} role="status">
          {cluster?.closed ? 'Cluster closed' : statusWords[status]}
          {problem ? <span class="connection-problem"> {problem}</span> : null}
        </p>
      </div>
      {cluster ? (
        <dl class="facts">
          <div>
            <dt>Backend</dt>
            <dd>{cluster.backend}</dd>
          </div>
          <div>
            <dt>Scheduler</dt>
            <dd>
              {cluster.scheduler === 'dask' ? 'Dask' : cluster.scheduler === 'engine' ? 'jobqueue engine' : cluster.scheduler}
              {cluster.schedulerAddress ? <span class="address"> at {cluster.schedulerAddress}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>
              <Clock time={cluster.startedAt} /> ({formatDuration((now - cluster.startedAt) / 1000)} ago)
            </dd>
          </div>
          <div>
            <dt>Server time</dt>
            <dd>
              <Clock time={now} />
            </dd>
          </div>
          {daskLink ? (
            <div>
              <dt>Dask</dt>
              <dd>
                <a href={daskLink} target="_blank" rel="noopener noreferrer">
                  Dask dashboard
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </header>
  );
}
