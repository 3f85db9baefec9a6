import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, jobqueue } from '../test/support/run-cli.js';

// Real Slurm from ci/slurm/up.sh. Only jobs under this run's own job name are looked at or cancelled.
const jobName = `jq-cli-${process.pid}`;
const logDirectory = mkdtempSync(join(tmpdir(), 'jq-cli-slurm-'));
const queued = (): string[] =>
  execFileSync('squeue', ['--noheader', '--array', '--states=PD,R,CG', `--name=${jobName}`, '--format=%i'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

afterAll(() => {
  const left = queued();
  if (left.length > 0) execFileSync('scancel', left);
  rmSync(logDirectory, { recursive: true, force: true });
});

const common = ['--cores', '1', '--memory', '500MB', '--walltime', '00:10:00', '--job-name', jobName, '--config', '/dev/null'];

describe('jobqueue on real Slurm', () => {
  it('script slurm prints the sbatch header of the flags', async () => {
    const run = await jobqueue(['script', 'slurm', ...common, '--queue', 'debug']);
    expect(run.code).toBe(0);
    for (const line of ['#SBATCH -J ' + jobName, '#SBATCH -p debug', '#SBATCH -t 00:10:00', '#SBATCH --cpus-per-task=1']) expect(run.stdout).toContain(line);
    expect(run.stdout).toMatch(/\\?<redacted\\?>/);
  });

  it('up --jobs 2 --detach → status shows 2 running → scale 1 → logs → down leaves nothing in squeue', async () => {
    const name = 'cli-slurm';
    const up = await jobqueue(['up', 'slurm', ...common, '--log-directory', logDirectory, '--jobs', '2', '--name', name, '--detach'], { timeoutMs: 240_000 });
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    // --detach returns once the manager's scheduler listens; the manager submits the first jobs right after.
    await eventually(async () => (queued().length >= 1 ? true : undefined), 60_000, 'the first jobs in squeue after up --detach');

    const view = await eventually(async () => {
      const run = await jobqueue(['status', name, '--json']);
      const parsed = JSON.parse(run.stdout) as { backend: string; jobs: Array<{ id: string; state: string }>; workers: unknown[] };
      return parsed.jobs.filter((job) => job.state === 'running').length === 2 && parsed.workers.length === 2 ? parsed : undefined;
    }, 240_000, 'two running Slurm jobs with connected workers');
    expect(view.backend).toBe('slurm');
    expect(new Set(queued())).toEqual(new Set(view.jobs.map((job) => job.id)));

    expect((await jobqueue(['scale', name, '1'])).code).toBe(0);
    await eventually(async () => (queued().length === 1 ? true : undefined), 120_000, 'one job left in squeue after scale 1');

    const logs = await jobqueue(['logs', name]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(`==> ${logDirectory}/${jobName}-`);

    const down = await jobqueue(['down', name], { timeoutMs: 240_000 });
    expect(down.code).toBe(0);
    await eventually(async () => (queued().length === 0 ? true : undefined), 120_000, 'an empty squeue for this job name');
    expect((await jobqueue(['ls'])).stdout).toContain('no clusters');
  });

  it('doctor slurm finds Slurm with its version, status and accounting answering; exit 0', async () => {
    const run = await jobqueue(['doctor', 'slurm', '--json']);
    expect(run.code).toBe(0);
    const [slurm] = (JSON.parse(run.stdout) as { batchSystems: Array<{ backend: string; version: string; status: string; accounting: string; missing: string[] }> }).batchSystems;
    expect(slurm).toMatchObject({ backend: 'slurm', missing: [], status: 'answers', accounting: 'answers' });
    expect(slurm!.version).toMatch(/^slurm/);
  });

  it('doctor slurm --test-job: a held job is accepted, shown held (JobHeldUser), cancelled; nothing of it stays in squeue', async () => {
    const run = await jobqueue(['doctor', 'slurm', '--test-job', '--json', '--config', '/dev/null']);
    expect(run.code).toBe(0);
    const [report] = (JSON.parse(run.stdout) as { testJobs: Array<{ backend: string; jobName: string; id: string; state: string; held: boolean; cancelled: boolean; fix: string | null }> }).testJobs;
    expect(report).toMatchObject({ backend: 'slurm', held: true, cancelled: true, fix: null, state: 'PENDING (JobHeldUser)' });
    expect(report!.id).toMatch(/^\d+$/);
    const live = () => execFileSync('squeue', ['--noheader', '--states=PD,R,CG', `--name=${report!.jobName}`, '--format=%i'], { encoding: 'utf8' }).trim();
    await eventually(async () => (live() === '' ? true : undefined), 60_000, 'the held test job to leave squeue');
    // Accounting (slurmdbd) learns of the cancel a little later than the controller.
    await eventually(async () => {
      const accounted = execFileSync('sacct', ['-n', '-X', '-P', '-j', report!.id, '--format=JobName,State'], { encoding: 'utf8' }).trim();
      return accounted.startsWith(`${report!.jobName}|CANCELLED`) ? true : undefined;
    }, 60_000, 'sacct to record the test job as cancelled');
  });
});
