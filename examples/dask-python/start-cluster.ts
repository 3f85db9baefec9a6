/**
 * Starts a Dask cluster whose workers are jobs (here local processes; swap in
 * `slurmBackend` from @jq/slurm for real batch jobs) and prints how a Python
 * client connects: the scheduler file and the cluster's TLS files.
 *
 *   pnpm start                 # runs until Ctrl-C, then cancels every job
 *   pnpm demo                  # also runs client.py once and exits
 *   pnpm start -- --workers 4
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { JobQueueCluster } from '@jq/core';
import { DaskScheduler } from '@jq/dask';
import { localBackend } from '@jq/local';
import { execa } from 'execa';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    'run-client': { type: 'boolean', default: false },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const workers = Number(values.workers);

const scheduler = new DaskScheduler({ host: '127.0.0.1' });
const cluster = new JobQueueCluster({
  backend: localBackend,
  scheduler,
  options: { name: 'dask-example', cores: 1, memory: '1GB', processes: 1, deathTimeout: 30 },
});

try {
  await cluster.scale(workers);
  console.log(`scheduler: ${scheduler.address}`);
  console.log(`dashboard: ${scheduler.dashboardUrl}`);
  console.log('job script:\n' + cluster.jobScript().replace(/^/gm, '  '));
  await waitForWorkers(workers, 120_000);
  const tls = scheduler.tls;
  const clientArguments = [scheduler.schedulerFile, ...(tls ? ['--tls-ca', tls.caFile, '--tls-cert', tls.certFile, '--tls-key', tls.keyFile] : [])];
  console.log(`${scheduler.workers().length} workers connected; from Python:`);
  console.log(`  ${values.python} client.py ${clientArguments.join(' ')}`);
  console.log('or in a notebook:\n' + scheduler.connection.python.replace(/^/gm, '  '));

  if (values['run-client']) {
    const client = fileURLToPath(new URL('./client.py', import.meta.url));
    await execa(values.python, [client, ...clientArguments], { stdio: 'inherit' });
  } else {
    console.log('Ctrl-C stops the cluster.');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
} finally {
  await cluster.close();
  console.log('cluster closed: jobs cancelled, scheduler stopped');
}

/** Waits until `count` workers have registered, polling the cached worker list. */
async function waitForWorkers(count: number, timeoutMilliseconds: number): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (scheduler.workers().length < count) {
    if (Date.now() > deadline) throw new Error(`only ${scheduler.workers().length} of ${count} workers after ${timeoutMilliseconds} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
