// kill -9 of the process that owns a cluster: no exit hook runs, nobody cancels the
// jobs. The native engine's workers must notice their scheduler is gone and exit within
// their deathTimeout, and with them every process of the owner's jobs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupMembers, jobGroupOf, processAlive } from './support/local-cluster.js';

const deathTimeout = 3;
const tsx = createRequire(import.meta.url).resolve('tsx');
const packageDirectory = join(import.meta.dirname, '..');

// The owner program: a local cluster of 2 jobs whose workers are real jq-workers of an
// EngineScheduler in this process. It prints the job ids once both workers connected.
const ownerProgram = `
import { JobQueueCluster } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { localBackend } from '@jq/local';
const scheduler = new EngineScheduler({ httpPort: false });
const cluster = new JobQueueCluster({
  backend: localBackend,
  scheduler,
  options: { name: 'owner', cores: 1, memory: '1GB', scriptDirectory: process.argv[1], deathTimeout: ${deathTimeout} },
});
await cluster.scale({ jobs: 2 });
while (scheduler.workers().length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(JSON.stringify(cluster.jobs().map((job) => job.id)) + '\\n');
setInterval(() => undefined, 1000);
`;

let owner: ChildProcess | undefined;
let directory: string | undefined;
const groups: number[] = [];

afterEach(() => {
  // A failed run must not leave the owner or its jobs behind.
  if (owner && owner.exitCode === null && owner.signalCode === null) owner.kill('SIGKILL');
  for (const group of groups.splice(0)) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (directory) rmSync(directory, { recursive: true, force: true });
  owner = directory = undefined;
});

/** Pids of jq-worker processes (worker-main) in a process group. */
function workersIn(group: number): number[] {
  return groupMembers(group).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('worker-main');
    } catch {
      return false;
    }
  });
}

function startOwner(scriptDirectory: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', '--input-type=module', '--eval', ownerProgram, scriptDirectory], {
    cwd: packageDirectory,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  owner = child;
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]!) as string[]);
    });
    child.on('exit', (code, signal) => reject(new Error(`owner exited early (${code ?? signal})`)));
  });
}

describe('kill -9 of the process that owns a cluster', () => {
  // The owner starts through tsx: at a load of 36 on 2 cores that alone took two minutes.
  it(`its engine workers exit within deathTimeout (${deathTimeout} s) and no process of its jobs is left`, { timeout: 300_000 }, async () => {
    directory = mkdtempSync(join(tmpdir(), 'jq-owner-kill-'));
    const ids = await startOwner(directory);
    const jobGroups = ids.map((id) => jobGroupOf(directory!, id));
    groups.push(...jobGroups);
    // One connected jq-worker in each job's process group.
    const workers = jobGroups.flatMap(workersIn);
    expect(workers).toHaveLength(2);

    const exited = new Promise<NodeJS.Signals | null>((resolve) => owner!.on('exit', (_code, signal) => resolve(signal)));
    const killedAt = Date.now();
    owner!.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    await vi.waitFor(() => expect(workers.filter(processAlive)).toEqual([]), { timeout: 30_000, interval: 50 });
    const workersGoneAfter = (Date.now() - killedAt) / 1000;
    // deathTimeout, plus a reconnect attempt (0.5 s) and process exit on a loaded machine.
    expect(workersGoneAfter).toBeLessThan(deathTimeout + 4);
    expect(workersGoneAfter).toBeGreaterThanOrEqual(deathTimeout - 0.5);

    // With its workers gone the job script ends, then its supervisor: nothing of the owner remains.
    await vi.waitFor(() => {
      expect(jobGroups.flatMap(groupMembers)).toEqual([]);
      expect(ids.map(Number).filter(processAlive)).toEqual([]);
    }, { timeout: 15_000, interval: 50 });
  });
});
