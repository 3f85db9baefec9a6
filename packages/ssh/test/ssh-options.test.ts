import { describe, expect, it } from 'vitest';
import { ConfigError } from '@jq/core';
import { resolveSshOptions, type SshOptions } from '../src/index.js';

function issuesOf(options: unknown): string[] {
  try {
    resolveSshOptions(options as SshOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^\[jq\/ssh\] invalid options:/);
    return (error as ConfigError).issues.map((issue) => issue.path);
  }
  return [];
}

describe('ssh options', () => {
  it('applies the defaults', () => {
    expect(resolveSshOptions({ host: 'login.hpc.example.org' })).toEqual({ host: 'login.hpc.example.org', tunnel: 'reverse', remoteDirectory: '.cache/jobqueue/ssh', connectTimeout: 15 });
  });

  it('accepts what people write: aliases, IPs, jump chains', () => {
    expect(issuesOf({ host: 'cluster', user: 'alice.b', port: 2222, identityFile: '~/.ssh/id_ed25519', jumpHost: 'bob@gate.example.org:2200,bastion', tunnel: 'forward', tunnelHost: '10.1.2.3' })).toEqual([]);
    expect(issuesOf({ host: '[::1]' })).toEqual([]);
  });

  it.each([
    [{ host: '-oProxyCommand=touch /tmp/x' }, ['ssh.host']],
    [{ host: 'login node' }, ['ssh.host']],
    [{ host: '' }, ['ssh.host']],
    [{}, ['ssh.host']],
    [{ host: 'h', user: 'a@b' }, ['ssh.user']],
    [{ host: 'h', user: '-lroot' }, ['ssh.user']],
    [{ host: 'h', port: 0 }, ['ssh.port']],
    [{ host: 'h', port: 70000 }, ['ssh.port']],
    [{ host: 'h', port: '22' }, ['ssh.port']],
    [{ host: 'h', jumpHost: 'gate;touch /tmp/x' }, ['ssh.jumpHost']],
    [{ host: 'h', jumpHost: '-oProxyCommand=x' }, ['ssh.jumpHost']],
    [{ host: 'h', identityFile: '-F/etc/passwd' }, ['ssh.identityFile']],
    [{ host: 'h', identityFile: 'key\nHost *' }, ['ssh.identityFile']],
    [{ host: 'h', tunnel: 'both' }, ['ssh.tunnel']],
    [{ host: 'h', tunnelHost: '$(hostname)' }, ['ssh.tunnelHost']],
    [{ host: 'h', connectTimeout: 0.5 }, ['ssh.connectTimeout']],
    [{ host: 'h', hostname: 'x' }, ['ssh.hostname']],
  ])('%j is refused naming %j', (options, paths) => {
    expect(issuesOf(options)).toEqual(paths);
  });

  it('reports every problem at once, with the value and what is expected', () => {
    try {
      resolveSshOptions({ host: 'a b', port: -1, tunnel: 'x' } as unknown as SshOptions);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('ssh.host: a host name, IP address or ssh config alias');
      expect(message).toContain('(got "a b")');
      expect(message).toContain('ssh.port: a whole number from 1 to 65535 (got -1)');
      expect(message).toContain('ssh.tunnel: "reverse" or "forward" (got "x")');
    }
  });
});
