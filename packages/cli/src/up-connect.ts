import type { SchedulerRecord } from '@jq/core';

/** Where the cluster's scheduler is, as `up` reports it. */
export interface ConnectionFacts {
  name: string;
  scheduler: string;
  address: string | undefined;
  dashboardUrl: string | undefined;
  /** Dask's own dashboard, beside ours. */
  daskDashboardUrl?: string | undefined;
  /** The Dask scheduler's record, for the Python snippet. */
  record?: SchedulerRecord | undefined;
  /** True when the cluster runs in this process (the engine's tasks come from its owner). */
  inProcess: boolean;
}

/** The lines `up` prints once the scheduler listens: address, dashboard, how to connect, how to end. */
export async function connectionLines(facts: ConnectionFacts): Promise<string[]> {
  const lines = [`cluster ${facts.name}: scheduler ${facts.scheduler} at ${facts.address ?? '(starting)'}`];
  const forwarded = facts.record?.clientAddress;
  if (forwarded) lines.push(`from this machine: ${forwarded} (a local SSH forward, open while the cluster's manager runs here)`);
  if (facts.dashboardUrl) lines.push(`dashboard: ${facts.dashboardUrl}`);
  if (facts.daskDashboardUrl) lines.push(`Dask's dashboard: ${facts.daskDashboardUrl}`);
  lines.push('', 'TypeScript (from any process of yours: status, scale, adapt, close):', `  import { JobQueueCluster } from '@jq/core';`, `  const cluster = await JobQueueCluster.attach(${JSON.stringify(facts.name)});`);
  if (facts.scheduler === 'dask' && facts.record) {
    const { daskConnectionOf } = await import('@jq/dask');
    lines.push('', 'Python (Dask client):', ...daskConnectionOf(facts.record).python.trimEnd().split('\n').map((line) => `  ${line}`));
  }
  if (facts.scheduler === 'engine') {
    lines.push('', 'TypeScript tasks (from any process of yours):', `  import { Client } from '@jq/engine';`, `  const client = await Client.connect({ cluster: ${JSON.stringify(facts.name)} });`);
  }
  lines.push('', `jobqueue status ${facts.name}    jobqueue scale ${facts.name} N    jobqueue down ${facts.name}`);
  return lines;
}
