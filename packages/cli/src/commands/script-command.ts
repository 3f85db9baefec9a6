import { JobQueueCluster } from '@jq/core';
import { backendByName } from '../backend-catalog.js';
import { clusterInput, createScheduler } from '../cluster-input.js';

/**
 * `jobqueue script <backend> [options]`: the job script a worker job would run (and the
 * executable it names, on HTCondor), from the same options, preset and config file a
 * cluster would use; the scheduler's secrets show as `<redacted>`. Nothing is submitted
 * and nothing starts.
 */
export async function scriptCommand(backendName: string, given: Record<string, unknown>): Promise<number> {
  const backend = await backendByName(backendName);
  const input = await clusterInput(backend, given);
  const listenInterface = (input.options.schedulerInterface ?? input.options.interface) as string | undefined;
  const scheduler = await createScheduler(String(given.scheduler ?? 'engine'), listenInterface);
  const cluster = new JobQueueCluster({ backend, scheduler, ...input, options: input.options, handleExit: false, journal: false });
  for (const notice of cluster.notices) process.stderr.write(`note: ${notice}\n`);
  process.stdout.write(cluster.jobScript());
  await cluster.close();
  return 0;
}
