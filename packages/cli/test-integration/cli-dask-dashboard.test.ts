// `jobqueue up --scheduler dask` serves our dashboard beside Dask's own, in the foreground and
// detached (real Dask from ci/dask/up.sh; jobs of the local backend).
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, binaryPath, eventually, jobqueue } from '../test/support/run-cli.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('jobqueue up --scheduler dask', () => {
  it("prints our dashboard's address once with its token; the page shows the cluster's job; Ctrl-C closes everything", { timeout: 300_000 }, async () => {
    const name = 'cli-dask-dashboard';
    const child = spawn(process.execPath, [binaryPath, 'up', 'local', '--scheduler', 'dask', '--cores', '1', '--memory', '1GB', '--processes', '1', '--jobs', '1', '--name', name, '--config', '/dev/null', '--no-progress'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const dashboard = await eventually(async () => /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/\S*\?token=\S+)$/m.exec(output)?.[1], 180_000, `the dashboard line in:\n${output}`);
    expect(output).toMatch(/^Dask's dashboard: http:\/\/\S+\/status$/m);
    const login = await fetch(dashboard, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const origin = new URL(dashboard).origin;
    expect((await fetch(`${origin}/api/v1/dashboard`)).status).toBe(401);
    const snapshot = await eventually(async () => {
      const body = (await (await fetch(`${origin}/api/v1/dashboard`, { headers: { cookie } })).json()) as { cluster: { name: string; scheduler: string }; jobs: Array<{ key: string; state: string; id: string }> };
      return body.jobs.some((job) => job.state === 'running') ? body : undefined;
    }, 120_000, 'the running job on the dashboard');
    expect(snapshot.cluster).toMatchObject({ name, scheduler: 'dask' });
    const pid = Number(snapshot.jobs[0]!.id);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(new RegExp(`closed ${name}: no job left`));
    await eventually(async () => (alive(pid) ? undefined : true), 30_000, 'the job process to be gone');
    await expect(fetch(`${origin}/api/v1/dashboard`, { headers: { cookie } })).rejects.toThrow();
  });

  it('with --detach the manager serves the page: up prints it once with its token, status shows it without, down stops it', { timeout: 300_000 }, async () => {
    const name = 'cli-dask-detached-dashboard';
    const up = await jobqueue(['up', 'local', '--scheduler', 'dask', '--cores', '1', '--memory', '1GB', '--processes', '1', '--jobs', '1', '--name', name, '--detach', '--config', '/dev/null'], { timeoutMs: 240_000 });
    expect(up.code, up.stderr).toBe(0);
    const dashboard = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/\S*\?token=\S+)$/m.exec(up.stdout)?.[1];
    expect(dashboard, up.stdout).toBeDefined();
    const daskDashboard = /^Dask's dashboard: (http:\/\/\S+\/status)$/m.exec(up.stdout)?.[1];
    expect(daskDashboard, up.stdout).toBeDefined();
    const managerPid = Number(/runs in process (\d+)/.exec(up.stdout)?.[1]);
    expect(alive(managerPid)).toBe(true);

    const login = await fetch(dashboard!, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const origin = new URL(dashboard!).origin;
    expect((await fetch(`${origin}/api/v1/dashboard`)).status).toBe(401);
    const snapshot = await eventually(async () => {
      const body = (await (await fetch(`${origin}/api/v1/dashboard`, { headers: { cookie } })).json()) as { cluster: { name: string; scheduler: string }; jobs: Array<{ state: string; id: string }> };
      return body.jobs.some((job) => job.state === 'running') ? body : undefined;
    }, 120_000, 'the running job on the detached dashboard');
    expect(snapshot.cluster).toMatchObject({ name, scheduler: 'dask' });
    const jobPid = Number(snapshot.jobs[0]!.id);

    const status = await jobqueue(['status', name, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const view = JSON.parse(status.stdout) as { dashboardUrl: string | null; daskDashboardUrl: string | null };
    expect(view).toMatchObject({ dashboardUrl: dashboard!.replace(/\?token=.*$/, ''), daskDashboardUrl: daskDashboard });
    expect(status.stdout).not.toContain('token');

    const down = await jobqueue(['down', name], { timeoutMs: 120_000 });
    expect(down.code, down.stderr).toBe(0);
    await eventually(async () => (alive(jobPid) || alive(managerPid) ? undefined : true), 60_000, 'the job and the manager to be gone');
    await expect(fetch(`${origin}/api/v1/dashboard`, { headers: { cookie } })).rejects.toThrow();
  });
});
