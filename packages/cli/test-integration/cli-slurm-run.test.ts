// `jobqueue run` in a real Slurm allocation: `sbatch -n 4` whose script starts the built
// binary on every task with `srun`, as the README tells a user to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteCommand } from '@jq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { binaryPath } from '../test/support/run-cli.js';

const fixture = join(import.meta.dirname, '..', 'test', 'fixtures', 'run-squares.mjs');
const jobs: string[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const id of jobs.splice(0)) execFileSync('scancel', [id], { stdio: 'ignore' });
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const accounting = (id: string) => execFileSync('sacct', ['-n', '-X', '-P', '-j', id, '--format=State,ExitCode'], { encoding: 'utf8' }).trim();
const queued = (id: string) => execFileSync('squeue', ['-h', '-j', id, '-o', '%i'], { encoding: 'utf8' }).trim() !== '';

describe('jobqueue run on real Slurm', () => {
  it('srun -n 4 jobqueue run: rank 0 maps 1,000 tasks on the 3 worker ranks, prints the result; the job ends COMPLETED 0:0', { timeout: 300_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-cli-run-slurm-'));
    directories.push(directory);
    const output = join(directory, 'job.out');
    const command = quoteCommand(['srun', '--kill-on-bad-exit=0', process.execPath, binaryPath, 'run', fixture, '1000']);
    const id = execFileSync('sbatch', ['--parsable', '-n', '4', '--mem-per-cpu=400M', '-J', 'jq-cli-run-test', '-o', output, '-D', directory, '--wrap', command], { encoding: 'utf8' }).trim();
    jobs.push(id);
    await vi.waitFor(() => expect(queued(id)).toBe(false), { timeout: 240_000, interval: 500 });
    await vi.waitFor(() => expect(accounting(id)).toBe('COMPLETED|0:0'), { timeout: 60_000, interval: 500 });
    const results = readFileSync(output, 'utf8').split('\n').filter((line) => line.startsWith('{'));
    expect(results).toHaveLength(1);
    expect(JSON.parse(results[0]!)).toMatchObject({ total: (999 * 1000 * 1999) / 6, workerPids: 3 });
  });
});
