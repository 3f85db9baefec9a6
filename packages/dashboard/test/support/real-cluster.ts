import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueCluster } from '@jq/core';
import { Client, EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';

/**
 * A real local cluster: jobs are processes started by @jq/local's launcher, each running a
 * real jq-worker that connects to the engine scheduler, whose HTTP server serves the
 * dashboard. Job `<name>-<failingIndex>` fails at start with a line on its stderr.
 */
export function realLocalCluster(name: string, failingIndex: number) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-dashboard-real-'));
  const scheduler = new EngineScheduler();
  const failing = `${name}-${failingIndex}`;
  const cluster = new JobQueueCluster({
    backend: localBackend,
    scheduler,
    handleExit: false,
    config: false,
    options: {
      name,
      cores: 1,
      memory: '1GB',
      processes: 1,
      scriptDirectory: directory,
      pollInterval: 0.5,
      jobScriptPrologue: [`if [ "$JQ_JOB_KEY" = ${failing} ]; then echo "jq-test: cannot open /scratch/${failing}: No such file or directory" >&2; exit 3; fi`],
    },
  });
  const client = new Client(scheduler);
  return {
    cluster,
    scheduler,
    client,
    directory,
    /** The process group of a running local job, from the launcher's own record. */
    jobGroup: (id: string) => (JSON.parse(readFileSync(join(directory, 'local-jobs', `${id}.group.json`), 'utf8')) as { group: number }).group,
    async close() {
      await cluster.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
