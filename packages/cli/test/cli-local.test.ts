import { describe, expect, it } from 'vitest';
import { alive, eventually, jobqueue } from './support/run-cli.js';

interface StatusJson {
  name: string;
  backend: string;
  scheduler: string | null;
  targets: Record<string, number>;
  jobs: Array<{ id: string; key: string; state: string }>;
  workers: Array<{ name: string; jobKey: string }>;
}

const status = async (name: string): Promise<StatusJson> => {
  const run = await jobqueue(['status', name, '--json']);
  if (run.code !== 0) throw new Error(`status exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as StatusJson;
};

describe('jobqueue on the local backend, end to end', () => {
  it('up --detach → ls → status → scale → logs → down leaves no process', async () => {
    const name = 'cli-local-e2e';
    const up = await jobqueue(['up', 'local', '--cores', '1', '--memory', '1GB', '--processes', '1', '--jobs', '2', '--name', name, '--detach', '--config', '/dev/null'], { timeoutMs: 180_000 });
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`cluster ${name}: scheduler engine at tcp://`);
    expect(up.stdout).toMatch(/cluster \S+ runs in process \d+/);
    // The detached engine's dashboard address carries its token once: it signs the browser in.
    const dashboard = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/\S*\?token=\S+)$/m.exec(up.stdout)?.[1];
    expect(dashboard, up.stdout).toBeDefined();
    expect((await fetch(dashboard!, { redirect: 'manual' })).status).toBe(303);

    const listed = await jobqueue(['ls', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{ name: string; backend: string; owner: string | null }>;
    expect(rows).toEqual([expect.objectContaining({ name, backend: 'local', owner: expect.stringContaining('pid ') })]);

    const running = await eventually(async () => {
      const view = await status(name);
      return view.jobs.filter((job) => job.state === 'running').length === 2 && view.workers.length === 2 ? view : undefined;
    }, 120_000, 'two running jobs with their workers');
    expect(running.backend).toBe('local');
    expect(new Set(running.workers.map((worker) => worker.jobKey))).toEqual(new Set(running.jobs.map((job) => job.key)));
    const pids = running.jobs.map((job) => Number(job.id));
    expect(pids.every(alive)).toBe(true);

    const table = await jobqueue(['status', name]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`cluster ${name} on local`);
    expect(table.stdout).toMatch(/running/);

    const scaled = await jobqueue(['scale', name, '1']);
    expect(scaled.code).toBe(0);
    const shrunk = await eventually(async () => {
      const view = await status(name);
      return view.targets.default === 1 && view.jobs.filter((job) => job.state === 'running').length === 1 ? view : undefined;
    }, 120_000, 'one running job after scale 1');
    expect(shrunk.jobs.length).toBe(2);

    const logs = await jobqueue(['logs', name]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(`==> `);
    expect(logs.stdout).toContain(`${name}-0.out <==`);

    const down = await jobqueue(['down', name], { timeoutMs: 180_000 });
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`${name}: down`);
    await eventually(async () => (pids.some(alive) ? undefined : true), 60_000, 'every job process to end');
    const after = await jobqueue(['ls']);
    expect(after.stdout).toContain('no clusters');
  });

  it('status of an unknown cluster: one line with the code, exit 2', async () => {
    const run = await jobqueue(['status', 'no-such-cluster']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no cluster named "no-such-cluster"');
    expect(run.stderr).toContain('JQ_CLUSTER_NOT_FOUND');
  });

  it('up without a size is a usage error, exit 2, nothing started', async () => {
    const run = await jobqueue(['up', 'local', '--cores', '1', '--memory', '1GB', '--name', 'never']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--workers N, --jobs N, --adapt MIN:MAX');
    expect((await jobqueue(['ls'])).stdout).toContain('no clusters');
  });
});
