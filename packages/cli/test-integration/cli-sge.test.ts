import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sgeJobEntries } from '@jq/sge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, eventually, jobqueue } from '../test/support/run-cli.js';

// Real SGE from ci/sge/up.sh. Only jobs under this run's own job name are looked at or cancelled.
const jobName = `jq-cli-${process.pid}`;
const name = `cli-sge-${process.pid}`;
const logDirectory = mkdtempSync(join(tmpdir(), 'jq-cli-sge-'));

/** Ids (`123.1`) of this run's jobs still in SGE's queue, in any state: `-g d` lists each array task on its own. */
const queued = (): string[] => {
  const entries = sgeJobEntries(execFileSync('qstat', ['-xml', '-g', 'd', '-u', '*'], { encoding: 'utf8', timeout: 30_000 }));
  if (entries === undefined) throw new Error('qstat -xml printed no complete listing');
  return entries.filter((entry) => entry.name === jobName).map((entry) => (entry.tasks === undefined ? entry.jobNumber : `${entry.jobNumber}.${entry.tasks}`));
};

/** Processes of this cluster on this machine: its workers (their `--name <cluster>-<n>`) and its manager. */
const processesOfCluster = (): string[] =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`--name ${name}-`) || (line.includes('manager-main') && line.includes(name)));

beforeAll(() => {
  try {
    execFileSync('qstat', ['-xml'], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    throw new Error('[jq/cli] SGE does not answer `qstat -xml`: run `bash ci/sge/up.sh` first');
  }
});

afterAll(() => {
  const left = new Set(queued().map((id) => id.split('.')[0]!));
  if (left.size > 0) execFileSync('qdel', [...left], { stdio: 'ignore' });
  rmSync(logDirectory, { recursive: true, force: true });
});

const common = ['--cores', '1', '--memory', '500MB', '--walltime', '00:10:00', '--job-name', jobName, '--config', '/dev/null'];

interface StatusJson {
  backend: string;
  owner: string | null;
  jobs: Array<{ id: string; key: string; state: string }>;
  workers: Array<{ jobKey: string }>;
}

const status = async (): Promise<StatusJson> => {
  const run = await jobqueue(['status', name, '--json']);
  if (run.code !== 0) throw new Error(`status exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as StatusJson;
};

describe('jobqueue on real SGE', () => {
  it('script sge prints the #$ header of the flags', async () => {
    const run = await jobqueue(['script', 'sge', ...common, '--queue', 'all.q']);
    expect(run.code).toBe(0);
    for (const line of [`#$ -N ${jobName}`, '#$ -q all.q', '#$ -l h_rt=00:10:00']) expect(run.stdout).toContain(line);
    expect(run.stdout).toMatch(/\\?<redacted\\?>/);
  });

  it('up --jobs 2 --detach → status shows 2 running → scale 1 → logs → down: qstat shows none of its jobs, no process left', async () => {
    const up = await jobqueue(['up', 'sge', ...common, '--log-directory', logDirectory, '--jobs', '2', '--name', name, '--detach'], { timeoutMs: 240_000 });
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`cluster ${name}: scheduler engine at tcp://`);
    const managerPid = Number(/runs in process (\d+)/.exec(up.stdout)?.[1]);
    expect(alive(managerPid)).toBe(true);

    const view = await eventually(async () => {
      const current = await status();
      return current.jobs.filter((job) => job.state === 'running').length === 2 && current.workers.length === 2 ? current : undefined;
    }, 240_000, 'two running SGE jobs with connected workers');
    expect(view.backend).toBe('sge');
    // One array job of two tasks: what SGE lists under this job name is what the journal holds.
    expect(new Set(queued())).toEqual(new Set(view.jobs.map((job) => job.id)));
    expect(new Set(view.jobs.map((job) => job.id.split('.')[0])).size).toBe(1);
    expect(new Set(view.workers.map((worker) => worker.jobKey))).toEqual(new Set(view.jobs.map((job) => job.key)));
    expect(processesOfCluster().filter((line) => line.includes('--name')).length).toBe(2);

    const scaled = await jobqueue(['scale', name, '1']);
    expect(scaled.code).toBe(0);
    await eventually(async () => (queued().length === 1 ? true : undefined), 120_000, 'one task left in qstat after scale 1');

    const logs = await jobqueue(['logs', name]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(`==> ${logDirectory}/${jobName}.o`);

    const down = await jobqueue(['down', name], { timeoutMs: 240_000 });
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`${name}: down`);
    await eventually(async () => (queued().length === 0 ? true : undefined), 120_000, 'no job of this name in qstat');
    await eventually(async () => (alive(managerPid) || processesOfCluster().length > 0 ? undefined : true), 60_000, 'the manager and every worker process to end');
    expect((await jobqueue(['ls'])).stdout).toContain('no clusters');
  });

  it('doctor sge --test-job: a held job is accepted, shown hqw, cancelled; qstat no longer lists it', async () => {
    const run = await jobqueue(['doctor', 'sge', '--test-job', '--json', '--config', '/dev/null']);
    expect(run.code).toBe(0);
    const [report] = (JSON.parse(run.stdout) as { testJobs: Array<{ backend: string; jobName: string; id: string; state: string; held: boolean; cancelled: boolean; fix: string | null }> }).testJobs;
    expect(report).toMatchObject({ backend: 'sge', state: 'hqw', held: true, cancelled: true, fix: null });
    const listed = () => (sgeJobEntries(execFileSync('qstat', ['-xml', '-u', '*'], { encoding: 'utf8' })) ?? []).filter((entry) => entry.jobNumber === report!.id || entry.name === report!.jobName);
    await eventually(async () => (listed().length === 0 ? true : undefined), 60_000, 'the held test job to leave qstat');
  });
});
