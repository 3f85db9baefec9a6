import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, binaryPath, eventually, jobqueue } from './support/run-cli.js';

// A real pseudo-terminal: tmux runs `jobqueue up` in a pane we read and type Ctrl-C into.
// tmux is Debian's (`apt-get install -y tmux`, as ci/tmux/up.sh does); without it this test fails saying so, never skips.
const tmux = (...args: string[]) => {
  try {
    return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error('this test needs tmux for its pseudo-terminal: apt-get install tmux (ci/tmux/up.sh)');
    throw error;
  }
};
const socket = `jq-cli-test-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'jq-cli-tty-'));
afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // Already gone with its last session.
  }
  rmSync(work, { recursive: true, force: true });
});

describe('jobqueue up in the foreground, under a terminal', () => {
  it('renders the progress bar and job lines, and Ctrl-C cancels every job', async () => {
    const name = 'cli-tty';
    const exitFile = join(work, 'exit');
    const command = `'${process.execPath}' '${binaryPath}' up local --cores 1 --memory 1GB --processes 1 --jobs 2 --name ${name} --config /dev/null; echo $? > '${exitFile}'; sleep 600`;
    tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '50', '-e', `XDG_STATE_HOME=${process.env.XDG_STATE_HOME}`, '-e', 'NO_COLOR=', command);
    const pane = () => tmux('capture-pane', '-p', '-t', name, '-S', '-200');

    const screen = await eventually(async () => {
      const text = pane();
      return /workers \|.*\| 2\/2/.test(text) && (text.match(/1 worker connected/g) ?? []).length >= 2 ? text : undefined;
    }, 120_000, 'the bar at 2/2 workers and a "worker connected" line per job');
    expect(screen).toContain(`cluster ${name}: scheduler engine at tcp://`);
    expect(screen).toMatch(new RegExp(`${name}-0 job \\d+: running`));
    expect(screen).toContain('Ctrl-C closes it');
    // The dashboard's address is printed once with its token: opening it signs the browser in.
    const dashboard = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/\S*\?token=\S+)/.exec(screen)?.[1];
    expect(dashboard, screen).toBeDefined();
    const login = await fetch(dashboard!, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await fetch(dashboard!.replace(/\?token=.*$/, ''))).status).toBe(401);

    const view = JSON.parse((await jobqueue(['status', name, '--json'])).stdout) as { jobs: Array<{ id: string; state: string }> };
    const pids = view.jobs.map((job) => Number(job.id));
    expect(pids).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);

    tmux('send-keys', '-t', name, 'C-c');
    await eventually(async () => (existsSync(exitFile) ? true : undefined), 120_000, 'jobqueue up to exit after Ctrl-C');
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
    expect(pane()).toMatch(/closed cli-tty: no job left \(cli-tty-0 cancelled, cli-tty-1 cancelled\)/);
    await eventually(async () => (pids.some(alive) ? undefined : true), 30_000, 'the job processes to be gone');
    expect((await jobqueue(['ls'])).stdout).toContain('no clusters');
  });
});
