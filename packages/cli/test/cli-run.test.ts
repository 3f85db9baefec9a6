import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binaryPath, jobqueue } from './support/run-cli.js';

const fixture = join(import.meta.dirname, 'fixtures', 'run-squares.mjs');
const started: ChildProcess[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** Starts `size` ranks of the built `jobqueue run` as `srun -n size` would: SLURM_PROCID and SLURM_NTASKS set. */
function ranks(size: number, args: string[]) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-cli-run-'));
  directories.push(directory);
  return Array.from({ length: size }, (_, rank) => {
    const child = spawn(process.execPath, [binaryPath, 'run', '--handshake-file', join(directory, 'handshake.json'), '--death-timeout', '20', ...args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SLURM_PROCID: String(rank), SLURM_NTASKS: String(size), SLURM_JOB_ID: 'cli-run' },
    });
    started.push(child);
    let stdout = '';
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { exit, stdout: () => stdout, output: () => output };
  });
}

describe('jobqueue run inside one allocation', () => {
  it('on 3 ranks: rank 0 runs the file on the other two as workers and prints its result as JSON (alone on stdout); every rank exits 0', { timeout: 240_000 }, async () => {
    const all = ranks(3, [fixture, '500']);
    const codes = await Promise.all(all.map((rank) => rank.exit));
    expect(codes, all.map((rank) => rank.output()).join('\n---\n')).toEqual([0, 0, 0]);
    const result = JSON.parse(all[0]!.stdout().trim()) as { total: number; workerPids: number; mainPid: number };
    expect(result.total).toBe((499 * 500 * 999) / 6);
    expect(result.workerPids).toBe(2);
    // The result is rank 0's alone: worker ranks print nothing on stdout.
    expect(all[1]!.stdout()).toBe('');
    expect(all[2]!.stdout()).toBe('');
  });

  it('outside an allocation, or with a bad number: one line naming the problem, exit 2', async () => {
    const environment = { SLURM_PROCID: undefined, SLURM_NTASKS: undefined, PMI_RANK: undefined, OMPI_COMM_WORLD_RANK: undefined, PBS_TASKNUM: undefined, LSF_PM_TASKID: undefined };
    const outside = await jobqueue(['run', fixture], { env: environment });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/no rank in the environment/);
    const threads = await jobqueue(['run', '--threads', '0', fixture], { env: environment });
    expect(threads.code).toBe(2);
    expect(threads.stderr).toContain('--threads: expected a whole number of at least 1 (got "0")');
    const python = await jobqueue(['run', '--python', '/usr/bin/python3', fixture], { env: environment });
    expect(python.code).toBe(2);
    expect(python.stderr).toContain('--python only goes with --dask');
  });
});
