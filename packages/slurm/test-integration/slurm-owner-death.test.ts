import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExecaCommandRunner } from '@jq/core';
import { slurmBackend } from '../src/index.js';
import { requireRealSystem } from '@jq/testkit/real-system';
import { liveJobsNamed, realSlurm, slurm } from './slurm-system.js';
import { within } from './within.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const owner = join(import.meta.dirname, 'fixtures', 'cluster-owner.ts');

requireRealSystem(realSlurm);

describe('kill -9 of the process that owns a Slurm cluster', () => {
  const children: ChildProcess[] = [];
  const directories: string[] = [];
  const jobNames: string[] = [];
  afterEach(() => {
    // A failed test must leave neither its owner nor the owner's jobs behind.
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const jobName of jobNames.splice(0)) slurm('scancel', [`--name=${jobName}`]);
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('its workers give up after deathTimeout and its jobs leave the queue, with nobody cancelling them', { timeout: 240_000 }, async () => {
    const deathTimeout = 10;
    const jobName = `jq-owner-${process.pid}`;
    const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
    directories.push(directory);
    jobNames.push(jobName);
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', owner, directory, jobName, String(deathTimeout)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ids = await within(
      new Promise<string[]>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]!) as string[]);
        });
        child.on('exit', (code) => reject(new Error(`the owner exited with ${code} before its workers connected: ${stderr}`)));
      }),
      180,
      () => 'the owner starting 2 workers',
    );
    expect(ids).toHaveLength(2);
    expect(liveJobsNamed(jobName).sort()).toEqual([...ids].sort());

    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    const killedAt = Date.now();
    await vi.waitFor(() => expect(liveJobsNamed(jobName)).toEqual([]), { timeout: (deathTimeout + 30) * 1000, interval: 200 });
    const seconds = (Date.now() - killedAt) / 1000;
    // Not sooner: only the death timeout ends them (SIGKILL runs no exit hook); not much later either.
    expect(seconds).toBeGreaterThanOrEqual(deathTimeout - 1);
    expect(seconds).toBeLessThan(deathTimeout + 10);

    for (const id of ids) expect(readFileSync(join(directory, `${jobName}-${id}.err`), 'utf8')).toMatch(/no scheduler at .*exiting/);
    const accounting = slurmBackend.accounting!(ids, {} as never);
    await vi.waitFor(
      async () => {
        const statuses = slurmBackend.parseAccounting!(await new ExecaCommandRunner().run(accounting, { timeoutMs: 30_000 }), ids);
        expect(ids.map((id) => statuses.get(id))).toEqual(ids.map(() => ({ state: 'failed', native: 'FAILED', exitCode: 1 })));
      },
      { timeout: 30_000, interval: 500 },
    );
  });
});
