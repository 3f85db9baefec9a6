// Issue 18's second mode on the CI sshd and the real Slurm: the scheduler in a batch job,
// this machine connected through a local forward (`ssh.tunnel: 'forward'`), for sites whose
// login nodes allow no remote forwarding. The manager stays in this process (its journal here);
// its scheduler job and the workers are submitted over SSH as jqssh; the job's record and
// connection file live in a private directory of jqssh's home, read and written through the
// same connection. The scheduler speaks TLS: its certificate is checked through the forward.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterJournal, JobQueueCluster, journalDirectory } from '@jq/core';
import * as engine from '@jq/engine';
import * as slurm from '@jq/slurm';
import * as ssh from '../src/index.js';
import { ciSsh, commandsSince, liveJobsNamed, logOffset, requireCiSite } from './ci-site.js';

requireCiSite();

const modules = { '@jq/engine': engine, '@jq/slurm': slurm, '@jq/ssh': ssh };
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
const names: string[] = [];
const jqsshHome = execFileSync('getent', ['passwd', 'jqssh'], { encoding: 'utf8' }).split(':')[5]!;

afterEach(async () => {
  for (const name of names.splice(0)) {
    await JobQueueCluster.down(name, { modules }).catch(() => undefined);
    for (const jobName of [name, `${name}-scheduler`]) if (liveJobsNamed(jobName).length > 0) execFileSync('scancel', [`--name=${jobName}`]);
  }
}, 180_000);

/** TCP connections of `pid` (established) to `port`, from `ss` as root sees them. */
function connectionsTo(port: string, pid: number): number {
  const lines = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(`pid=${pid},`)).length;
}

/** The process listening on `port` (name and pid), from `ss`. */
function listenerOf(port: string): { name: string; pid: number } | undefined {
  const match = execFileSync('ss', ['-Hltnp', `( sport = :${port} )`], { encoding: 'utf8' }).match(/users:\(\("([^"]+)",pid=(\d+)/);
  return match ? { name: match[1]!, pid: Number(match[2]) } : undefined;
}

/** Squares 0..999 through a client of the named cluster (it dials what the journal says), and disconnects. */
async function mapThrough(name: string): Promise<void> {
  const client = await engine.Client.connect({ cluster: name });
  try {
    const squares = await client.gather(client.map((value: number) => value * value, range(1000)));
    expect(squares).toEqual(range(1000).map((value) => value * value));
  } finally {
    await client.close();
  }
}

describe('the scheduler in a Slurm job, reached from here through an SSH local forward', () => {
  it('launch({ placement: "scheduler-job", ssh }): every batch command over SSH, the manager and a client dial the forward, 4 workers, a 1,000-task map; the master killed: the forward and the manager connection come back, no job lost or duplicated, a second map; close() leaves no job and no file on the login node', { timeout: 900_000 }, async () => {
    const commandsAt = logOffset('commands');
    const name = `jq-ssh-fwd-${process.pid}`;
    names.push(name);
    const remote = await JobQueueCluster.launch({
      backend: slurm.slurmBackend,
      scheduler: new engine.EngineScheduler({ httpPort: false, tls: true }),
      config: false,
      placement: 'scheduler-job',
      handleExit: false,
      modules,
      scale: { jobs: 4 },
      startTimeout: 300,
      options: { name, jobName: name, cores: 1, memory: '500MB', walltime: '00:20:00', deathTimeout: 60, pollInterval: 1, ssh: ciSsh() },
    });
    await vi.waitFor(() => expect(remote.workers()).toHaveLength(4), { timeout: 240_000, interval: 500 });

    // The site's one option: the tunnel is recorded as 'forward', the scheduler's address is the job's, the client's the forward's.
    const record = ClusterJournal.open(name).readCluster();
    expect(record.options.ssh).toMatchObject({ host: 'jq-ci', tunnel: 'forward' });
    const { address, clientAddress } = record.scheduler!;
    expect(address).toMatch(/^tls:\/\/[^/]+:\d+$/);
    expect(clientAddress).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    const schedulerPort = new URL(address).port;
    const forwardPort = new URL(clientAddress!).port;
    expect(forwardPort).not.toBe(schedulerPort);
    const master = listenerOf(forwardPort);
    expect(master?.name).toBe('ssh');
    const schedulerJob = record.manager!.schedulerJob!;
    expect(liveJobsNamed(`${name}-scheduler`)).toEqual([schedulerJob]);
    // The job found its record in jqssh's home, written over SSH; this machine's journal is not where it looks.
    const siteDirectory = join(jqsshHome, '.cache/jobqueue/clusters', name);
    expect(existsSync(join(siteDirectory, 'scheduler.json'))).toBe(true);

    await mapThrough(name);
    // This process reaches the scheduler only through the forward (the manager's connection; the client's has ended).
    expect(connectionsTo(forwardPort, process.pid)).toBeGreaterThanOrEqual(1);
    expect(connectionsTo(schedulerPort, process.pid)).toBe(0);

    // The SSH master dies (laptop asleep, network gone): the next poll logs in again, the forward comes back on the
    // same port, the manager dials the scheduler again; no job lost or submitted twice, and the cluster serves.
    const workerIds = remote.jobs().map((job) => job.id);
    process.kill(master!.pid, 'SIGKILL');
    await vi.waitFor(() => expect(listenerOf(forwardPort)?.pid).not.toBe(master!.pid), { timeout: 5_000, interval: 100 });
    await vi.waitFor(() => expect(listenerOf(forwardPort)?.name).toBe('ssh'), { timeout: 60_000, interval: 250 });
    await vi.waitFor(() => expect(connectionsTo(forwardPort, process.pid)).toBeGreaterThanOrEqual(1), { timeout: 60_000, interval: 250 });
    await mapThrough(name);
    expect(remote.jobs().map((job) => job.id)).toEqual(workerIds);
    expect(remote.workers()).toHaveLength(4);
    expect(liveJobsNamed(name).sort()).toEqual([...workerIds].sort());

    await remote.close();
    await vi.waitFor(() => expect([...liveJobsNamed(name), ...liveJobsNamed(`${name}-scheduler`)]).toEqual([]), { timeout: 120_000, interval: 1000 });
    expect(existsSync(journalDirectory(name))).toBe(false);
    expect(existsSync(siteDirectory)).toBe(false);
    // Submitted and cancelled on the login node, as jqssh: the scheduler job, then the workers; one cancel for the workers, one for the scheduler's job.
    const logged = commandsSince(commandsAt).map(({ command }) => command);
    expect(logged.filter((command) => /sbatch --parsable/.test(command)).length).toBeGreaterThanOrEqual(2);
    expect(logged.filter((command) => /^scancel /.test(command) && workerIds.every((id) => command.includes(id)))).toHaveLength(1);
    expect(logged.filter((command) => new RegExp(`^scancel .*\\b${schedulerJob}\\b`).test(command))).toHaveLength(1);
  });
});
