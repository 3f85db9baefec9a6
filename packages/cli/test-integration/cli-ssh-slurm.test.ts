import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, jobqueue } from '../test/support/run-cli.js';

// ci/ssh/up.sh's sshd (127.0.0.1:2222, user jqssh, which may submit to the real Slurm of ci/slurm/up.sh)
const ciDirectory = process.env.JQ_SSH_DIR ?? '/run/jq-ci-ssh';
const configDirectory = mkdtempSync(join(tmpdir(), 'jq-cli-ssh-'));
const sshConfig = join(configDirectory, 'config');
writeFileSync(
  sshConfig,
  ['Host jq-ci', '  HostName 127.0.0.1', '  Port 2222', '  User jqssh', `  IdentityFile ${join(ciDirectory, 'id_ed25519')}`, '  IdentitiesOnly yes', '  BatchMode yes', '  StrictHostKeyChecking yes', `  UserKnownHostsFile ${join(ciDirectory, 'known_hosts')}`, ''].join('\n'),
  { mode: 0o600 },
);
afterAll(() => rmSync(configDirectory, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(join(ciDirectory, 'id_ed25519'))) throw new Error('[jq/cli] the CI sshd is not set up: run `bash ci/slurm/up.sh && bash ci/ssh/up.sh` first');
  execFileSync('scontrol', ['ping'], { stdio: 'ignore', timeout: 10_000 });
});

/** `id user` of each job named `jobName` still pending, running or completing. */
function liveJobs(jobName: string): string[] {
  return execFileSync('squeue', ['--noheader', '--states=PD,R,CG', `--name=${jobName}`, '--format=%i %u'], { encoding: 'utf8', timeout: 30_000 }).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** `jobqueue status <name> --json` once it lists `count` workers. */
function statusWithWorkers(name: string, count: number, timeoutMs: number, what: string) {
  return eventually(
    async () => {
      const status = await jobqueue(['status', name, '--json']);
      const parsed = JSON.parse(status.stdout) as { jobs: Array<{ id: string; state: string }>; workers: unknown[] };
      return parsed.workers.length === count ? parsed : undefined;
    },
    timeoutMs,
    what,
  );
}

describe('jobqueue driving a Slurm cluster over SSH (ci/ssh sshd, real Slurm)', () => {
  it('up --ssh --detach → status --json shows the workers → logs read on the login node → down empties the queue; jobs submitted as the login user', async () => {
    const name = `jq-cli-ssh-${process.pid}`;
    // Made by the login user over SSH (batch systems do not create it), not by this process.
    const logDirectory = `/tmp/jq-cli-ssh-logs-${process.pid}`;
    const ssh = ['--ssh', 'jq-ci', '--ssh-config', sshConfig];
    const up = await jobqueue(['up', 'slurm', '--cores', '1', '--memory', '500MB', '--walltime', '00:10:00', '--death-timeout', '30', '--jobs', '2', '--name', name, '--job-name', name, '--log-directory', logDirectory, '--detach', ...ssh], { timeoutMs: 300_000 });
    try {
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      const view = await statusWithWorkers(name, 2, 240_000, 'two workers through the reverse tunnel');
      expect(view.jobs.map((job) => job.state)).toEqual(['running', 'running']);
      expect(liveJobs(name).map((line) => line.split(' ')[1])).toEqual(['jqssh', 'jqssh']);
      expect(statSync(logDirectory).uid).toBe(Number(execFileSync('id', ['-u', 'jqssh'], { encoding: 'utf8' }).trim()));
      const logs = await jobqueue(['logs', name, '--lines', '5']);
      expect(logs.code, logs.stderr).toBe(0);
      for (const job of view.jobs) expect(logs.stdout).toContain(`==> ${logDirectory}/${name}-${job.id}.err <==`);
    } finally {
      const down = await jobqueue(['down', name], { timeoutMs: 300_000 });
      expect([down.code, down.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^${name}: down \\(closed by its owner`))]);
    }
    await eventually(async () => (liveJobs(name).length === 0 ? true : undefined), 60_000, 'the queue empty after down');
    rmSync(logDirectory, { recursive: true, force: true });
  });
  it('up --ssh --placement scheduler-job --detach: the scheduler in a Slurm job of the login user, this machine through a local forward; status shows the workers, down cancels the workers and the scheduler job and leaves no file on the login node', async () => {
    const name = `jq-cli-sshfwd-${process.pid}`;
    const ssh = ['--ssh', 'jq-ci', '--ssh-config', sshConfig];
    const up = await jobqueue(['up', 'slurm', '--cores', '1', '--memory', '500MB', '--walltime', '00:10:00', '--death-timeout', '60', '--jobs', '2', '--name', name, '--job-name', name, '--placement', 'scheduler-job', '--detach', ...ssh], { timeoutMs: 400_000 });
    const home = execFileSync('getent', ['passwd', 'jqssh'], { encoding: 'utf8' }).split(':')[5]!;
    try {
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(/^from this machine: tcp:\/\/127\.0\.0\.1:\d+ \(a local SSH forward/m);
      expect(up.stdout).toMatch(/runs in process \d+ \(scheduler in batch job \d+\)/);
      const view = await statusWithWorkers(name, 2, 300_000, 'two workers dialing the scheduler in its job');
      expect(view.jobs.map((job) => job.state)).toEqual(['running', 'running']);
      // Workers and the scheduler's job, all submitted over SSH as the login user.
      expect(liveJobs(name).map((line) => line.split(' ')[1])).toEqual(['jqssh', 'jqssh']);
      expect(liveJobs(`${name}-scheduler`).map((line) => line.split(' ')[1])).toEqual(['jqssh']);
      expect(existsSync(join(home, '.cache/jobqueue/clusters', name, 'scheduler.json'))).toBe(true);
    } finally {
      const down = await jobqueue(['down', name], { timeoutMs: 300_000 });
      expect([down.code, down.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^${name}: down \\(closed by its owner`))]);
    }
    await eventually(async () => (liveJobs(name).length + liveJobs(`${name}-scheduler`).length === 0 ? true : undefined), 60_000, 'the queue empty after down');
    expect(existsSync(join(home, '.cache/jobqueue/clusters', name))).toBe(false);
  });
});
