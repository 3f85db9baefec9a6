// The runner in a real Slurm allocation: `sbatch -n 4` whose script runs the rank program
// on every task with `srun`, as a user would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const tsx = createRequire(import.meta.url).resolve('tsx');
const program = join(import.meta.dirname, '..', 'test', 'fixtures', 'rank-program.ts');
const jobs: string[] = [];
const directories: string[] = [];

afterEach(() => {
  for (const id of jobs.splice(0)) execFileSync('scancel', [id], { stdio: 'ignore' });
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** Submits the allocation; returns its id and where rank 0's output goes. */
function submit(tasks: number): { id: string; output: string; directory: string } {
  const directory = mkdtempSync(join(tmpdir(), 'jq-runner-slurm-'));
  directories.push(directory);
  const output = join(directory, 'job.out');
  const command = [process.execPath, '--import', tsx, '--conditions=@jq/source', program, join(directory, 'handshake.json'), String(tasks)].join(' ');
  const id = execFileSync('sbatch', ['--parsable', '-n', '4', '--mem-per-cpu=400M', '-J', 'jq-runner-test', '-o', output, '-D', directory, '--wrap', `srun --kill-on-bad-exit=0 ${command}`], { encoding: 'utf8' }).trim();
  jobs.push(id);
  return { id, output, directory };
}

function accounting(id: string): { state: string; exitCode: string } {
  const line = execFileSync('sacct', ['-n', '-X', '-P', '-j', id, '--format=State,ExitCode'], { encoding: 'utf8' }).trim();
  const [state = '', exitCode = ''] = line.split('|');
  return { state, exitCode };
}

function queued(id: string): boolean {
  return execFileSync('squeue', ['-h', '-j', id, '-o', '%i'], { encoding: 'utf8' }).trim() !== '';
}

const linesOf = (output: string) => { try { return readFileSync(output, 'utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { total?: number; completed?: number }); } catch { return []; } };
const expectedTotal = Array.from({ length: 1000 }, (_, index) => index * index).reduce((sum, value) => sum + value, 0);
const waitLong = { timeout: 240_000, interval: 500 };

/**
 * Pids of rank `rank` of job `id` on this (the only) node: the rank process and the
 * worker it started, as Slurm or a dying node would take them both. Not srun nor the
 * batch shell, which carry SLURM_PROCID=0 too.
 */
function rankPids(rank: number, id: string): number[] {
  const processes = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((entry) => {
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      return [{ pid: Number(entry), command, environment, parent }];
    } catch {
      return []; // ended while we looked
    }
  });
  const ranks = processes.filter(({ command, environment }) =>
    command[0] === process.execPath && command.some((word) => word.endsWith('rank-program.ts')) && environment.includes(`SLURM_JOB_ID=${id}`) && environment.includes(`SLURM_PROCID=${rank}`),
  ).map(({ pid }) => pid);
  return [...ranks, ...processes.filter(({ parent }) => ranks.includes(parent)).map(({ pid }) => pid)];
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

describe('runInAllocation in a real Slurm allocation', () => {
  it('rank 0 maps 1,000 tasks on the 3 other ranks; the job ends COMPLETED with exit 0', async () => {
    const { id, output } = submit(1000);
    await vi.waitFor(() => expect(queued(id)).toBe(false), waitLong);
    expect(linesOf(output).find((line) => line.total !== undefined)?.total).toBe(expectedTotal);
    await vi.waitFor(() => expect(accounting(id)).toEqual({ state: 'COMPLETED', exitCode: '0:0' }), { timeout: 30_000, interval: 500 });
  });

  it('completes the map when a worker rank is killed in the middle of it', async () => {
    const { id, output } = submit(1000);
    await vi.waitFor(() => expect(Math.max(0, ...linesOf(output).map((line) => line.completed ?? 0))).toBeGreaterThanOrEqual(200), waitLong);
    const victims = rankPids(2, id);
    // The rank process and its worker.
    expect(victims).toHaveLength(2);
    killAll(victims);
    await vi.waitFor(() => expect(queued(id)).toBe(false), waitLong);
    expect(linesOf(output).find((line) => line.total !== undefined)?.total).toBe(expectedTotal);
  });

  it('ends the job within the death timeout when rank 0 is killed, nothing left', async () => {
    const { id, output } = submit(20_000);
    await vi.waitFor(() => expect(Math.max(0, ...linesOf(output).map((line) => line.completed ?? 0))).toBeGreaterThanOrEqual(100), waitLong);
    const killedAt = Date.now();
    const rankZero = rankPids(0, id);
    expect(rankZero.length).toBeGreaterThanOrEqual(1);
    killAll(rankZero);
    await vi.waitFor(() => expect(queued(id)).toBe(false), { timeout: 120_000, interval: 500 });
    // deathTimeout is 20 s; the rest is Slurm ending the step on a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(90_000);
    expect([0, 1, 2, 3].flatMap((rank) => rankPids(rank, id))).toEqual([]);
  });
});
