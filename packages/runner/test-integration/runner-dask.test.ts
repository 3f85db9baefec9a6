// `jq-run --dask` with real Dask (ci/dask/up.sh): ranks started as srun would start them
// (SLURM_PROCID / SLURM_NTASKS), each in a process group of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const tsx = createRequire(import.meta.url).resolve('tsx');
const main = join(import.meta.dirname, '..', 'src', 'run-main.ts');
const script = join(import.meta.dirname, '..', 'test', 'fixtures', 'dask-squares.py');
const ranks: ChildProcess[] = [];
const directories: string[] = [];

afterEach(() => {
  for (const rank of ranks.splice(0)) signalGroup(rank, 'SIGKILL');
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

function launch(size: number, tasks: number) {
  const directory = mkdtempSync(join(tmpdir(), 'jq-run-dask-'));
  directories.push(directory);
  const started = Array.from({ length: size }, (_, rank) => {
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', main, '--dask', script, String(tasks)], {
      detached: true,
      cwd: directory,
      stdio: ['ignore', 'pipe', 'inherit'],
      // The submit directory holds the rendezvous, as under sbatch; deathTimeout is the default 30 s.
      env: { ...process.env, SLURM_PROCID: String(rank), SLURM_NTASKS: String(size), SLURM_JOB_ID: `dask-${process.pid}`, SLURM_SUBMIT_DIR: directory },
    });
    ranks.push(child);
    return child;
  });
  const exits = started.map((child) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))));
  let output = '';
  started[0]!.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { total?: number; workers?: number; completed?: number });
  const completed = () => Math.max(0, ...lines().map((line) => line.completed ?? 0));
  return { started, exits, lines, completed, directory };
}

function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

const expectedTotal = (tasks: number) => Array.from({ length: tasks }, (_, index) => index * index).reduce((sum, value) => sum + value, 0);

describe('jq-run --dask across rank processes', () => {
  it('rank 0 runs the scheduler and the script, whose plain Client() maps on the 2 worker ranks; every rank exits 0, the rendezvous is removed', async () => {
    const { exits, lines, directory } = launch(3, 500);
    expect(await Promise.all(exits)).toEqual([0, 0, 0]);
    expect(lines().find((line) => line.total !== undefined)).toEqual({ total: expectedTotal(500), workers: 2 });
    expect(existsSync(join(directory, `.jq-run-dask-${process.pid}.dask`))).toBe(false);
  });

  it('finishes the map when a worker rank dies in the middle of it', async () => {
    const { started, exits, lines, completed } = launch(3, 3000);
    await vi.waitFor(() => expect(completed()).toBeGreaterThanOrEqual(300), { timeout: 240_000, interval: 50 });
    signalGroup(started[2]!, 'SIGKILL');
    expect(await exits[0]).toBe(0);
    expect(lines().find((line) => line.total !== undefined)?.total).toBe(expectedTotal(3000));
    expect(await exits[1]).toBe(0);
  });

  it('rank 0\'s process killed: its scheduler and script go with it, every worker rank ends within the death timeout, nothing left', async () => {
    const { started, exits, completed, directory } = launch(3, 20_000);
    await vi.waitFor(() => expect(completed()).toBeGreaterThanOrEqual(100), { timeout: 240_000, interval: 50 });
    // Only the node process of rank 0: its scheduler and script must not outlive it, nor the workers (death timeout 30 s).
    process.kill(started[0]!.pid!, 'SIGKILL');
    const killedAt = Date.now();
    await Promise.all(exits.slice(1));
    expect(Date.now() - killedAt).toBeLessThan(90_000);
    // Every Python of the run names the rendezvous directory on its command line.
    await vi.waitFor(() => expect(processesNaming(directory)).toEqual([]), { timeout: 30_000, interval: 250 });
  });
});
