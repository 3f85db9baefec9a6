import { describe, expect, it } from 'vitest';
import { ConfigError, JobQueueError } from '@jq/core';
import { sshSettingFromFlags } from '../src/ssh-flags.js';
import { jobqueue } from './support/run-cli.js';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(JobQueueError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the flags to be refused');
}

describe('--ssh flags', () => {
  it('read [user@]host[:port] and the companions into the ssh option', () => {
    expect(sshSettingFromFlags({})).toBeUndefined();
    expect(sshSettingFromFlags({ ssh: 'login1' })).toEqual({ host: 'login1' });
    expect(sshSettingFromFlags({ ssh: 'alice@login.hpc.example.org:2222', sshIdentity: '/home/alice/.ssh/id_ed25519', sshJump: 'gate.example.org', sshConfig: '/tmp/ssh_config' })).toEqual({
      host: 'login.hpc.example.org',
      user: 'alice',
      port: 2222,
      identityFile: '/home/alice/.ssh/id_ed25519',
      jumpHost: 'gate.example.org',
      configFile: '/tmp/ssh_config',
    });
    expect(sshSettingFromFlags({ ssh: 'bob@[::1]:22' })).toEqual({ host: '[::1]', user: 'bob', port: 22 });
  });

  it('refuse what could reach ssh as a flag or a second word, naming the option', () => {
    expect(refusal(() => sshSettingFromFlags({ ssh: '-oProxyCommand=sh' }))).toMatch(/ssh\.host: a host name.*got "-oProxyCommand=sh", from the --ssh flags/);
    expect(refusal(() => sshSettingFromFlags({ ssh: 'a b@login1' }))).toMatch(/ssh\.user: a login name/);
    expect(refusal(() => sshSettingFromFlags({ ssh: 'login1:twenty' }))).toMatch(/ssh\.port: a whole number from 1 to 65535 \(got "twenty"/);
    expect(refusal(() => sshSettingFromFlags({ ssh: 'login1', sshIdentity: '-F/etc/passwd' }))).toMatch(/ssh\.identityFile/);
    expect(refusal(() => sshSettingFromFlags({ ssh: 'a@b@c' }))).toMatch(/--ssh "a@b@c": expected \[user@\]host\[:port\]/);
    expect(refusal(() => sshSettingFromFlags({ sshJump: 'gate' }))).toMatch(/--ssh-jump needs --ssh/);
    expect(() => sshSettingFromFlags({ ssh: 'login1', sshJump: 'gate;touch /tmp/x' })).toThrow(ConfigError);
  });
});

describe('jobqueue with --ssh (built binary)', () => {
  const size = ['--cores', '1', '--memory', '1GB', '--jobs', '1'];

  it('up refuses bad --ssh values and --placement job before logging in anywhere (exit 2)', async () => {
    const bad = await jobqueue(['up', 'slurm', ...size, '--ssh', 'login1:0']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/ssh\.port: a whole number from 1 to 65535 \(got 0, from the --ssh flags\)/)]);
    const orphan = await jobqueue(['up', 'slurm', ...size, '--ssh-identity', '/tmp/key']);
    expect([orphan.code, orphan.stderr]).toEqual([2, expect.stringMatching(/--ssh-identity needs --ssh/)]);
    const placed = await jobqueue(['up', 'slurm', ...size, '--ssh', 'login1', '--placement', 'job']);
    expect([placed.code, placed.stderr]).toEqual([2, expect.stringMatching(/--placement job cannot be combined with ssh: .*--placement scheduler-job/s)]);
  });

  it('script takes no --ssh: it logs in nowhere', async () => {
    const run = await jobqueue(['script', 'slurm', '--cores', '1', '--memory', '1GB', '--ssh', 'login1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--ssh'/);
  });

  it('doctor --ssh names why a login fails and exits 1', async () => {
    const run = await jobqueue(['doctor', '--ssh', 'nobody@no-such-host.invalid', '--json'], { timeoutMs: 120_000 });
    expect(run.code).toBe(1);
    const { ssh } = JSON.parse(run.stdout) as { ssh: { target: string; connected: boolean; fixes: string[] } };
    expect(ssh.target).toBe('nobody@no-such-host.invalid');
    expect(ssh.connected).toBe(false);
    expect(ssh.fixes).toEqual([expect.stringMatching(/cannot log in to nobody@no-such-host\.invalid: the host name does not resolve; check `ssh\.host`/)]);
  });
});
