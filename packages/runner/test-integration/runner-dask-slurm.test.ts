// `jq-run --dask` in a real Slurm allocation: `sbatch -n 3` whose script runs it on every
// task with srun, as a user would; real Dask (ci/dask/up.sh) on the node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const tsx = createRequire(import.meta.url).resolve('tsx');
const main = join(import.meta.dirname, '..', 'src', 'run-main.ts');
const script = join(import.meta.dirname, '..', 'test', 'fixtures', 'dask-squares.py');
const jobs: string[] = [];
const directories: string[] = [];

afterEach(() => {
  for (const id of jobs.splice(0)) execFileSync('scancel', [id], { stdio: 'ignore' });
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function accounting(id: string): { state: string; exitCode: string } {
  const line = execFileSync('sacct', ['-n', '-X', '-P', '-j', id, '--format=State,ExitCode'], { encoding: 'utf8' }).trim();
  const [state = '', exitCode = ''] = line.split('|');
  return { state, exitCode };
}

const queued = (id: string) => execFileSync('squeue', ['-h', '-j', id, '-o', '%i'], { encoding: 'utf8' }).trim() !== '';
const expectedTotal = Array.from({ length: 1000 }, (_, index) => index * index).reduce((sum, value) => sum + value, 0);

describe('jq-run --dask in a real Slurm allocation', () => {
  it('sbatch -n 3: rank 0 runs the scheduler and the script, which maps 1,000 tasks on the 2 worker ranks; the job ends COMPLETED with exit 0', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-runner-dask-slurm-'));
    directories.push(directory);
    const output = join(directory, 'job.out');
    const command = [process.execPath, '--import', tsx, '--conditions=@jq/source', main, '--dask', script, '1000'].join(' ');
    const id = execFileSync('sbatch', ['--parsable', '-n', '3', '--mem-per-cpu=1000M', '-J', 'jq-runner-dask-test', '-o', output, '-D', directory, '--wrap', `srun --kill-on-bad-exit=0 ${command}`], { encoding: 'utf8' }).trim();
    jobs.push(id);
    await vi.waitFor(() => expect(queued(id)).toBe(false), { timeout: 280_000, interval: 500 });
    const lines = readFileSync(output, 'utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { total?: number; workers?: number });
    expect(lines.find((line) => line.total !== undefined)).toEqual({ total: expectedTotal, workers: 2 });
    await vi.waitFor(() => expect(accounting(id)).toEqual({ state: 'COMPLETED', exitCode: '0:0' }), { timeout: 30_000, interval: 500 });
  });
});
