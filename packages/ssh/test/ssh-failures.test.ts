import { describe, expect, it } from 'vitest';
import { resolveSshOptions } from '../src/index.js';
import { connectionFailure, lostConnection } from '../src/ssh-failures.js';
import { sessionResult } from '../src/ssh-session-result.js';
import { isLoopback, localSpecification, parseSchedulerAddress, reverseSpecification } from '../src/ssh-tunnel.js';

const options = resolveSshOptions({ host: '127.0.0.1', user: 'jqssh', port: 2222 });

// ssh's stderr for each failure, recorded against ci/ssh's sshd (ci/README.md, "Failure modes")
const recorded = {
  unknownKey: 'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n',
  changedKey: '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\nHost key for [127.0.0.1]:2222 has changed and you have requested strict checking.\nHost key verification failed.\n',
  denied: 'jqssh@127.0.0.1: Permission denied (publickey).\n',
  refused: 'ssh: connect to host 127.0.0.1 port 2299: Connection refused\n',
};

describe('login failures', () => {
  it.each([
    ['unknownKey', /its host key is not known/],
    ['changedKey', /its host key CHANGED/],
    ['denied', /authentication failed/],
    ['refused', /it cannot be reached/],
  ] as const)('%s: one clear JQ_CONNECTION_FAILED naming the target and the cause', (name, cause) => {
    const error = connectionFailure(options, recorded[name]);
    expect(error.code).toBe('JQ_CONNECTION_FAILED');
    expect(error.message).toMatch(/^\[jq\/ssh\] cannot log in to jqssh@127\.0\.0\.1:2222: /);
    expect(error.message).toMatch(cause);
    expect(error.message).not.toContain('@@@');
  });

  it('an unknown failure still carries ssh\'s last words', () => {
    expect(connectionFailure(options, 'something odd\n').message).toContain('ssh gave up (ssh: something odd)');
  });
});

describe('lost connections and results', () => {
  it('exit 255 is the connection\'s fault only when ssh says so or the master died', () => {
    expect(lostConnection(255, 'mux_client_read_packet: read header failed: Broken pipe', true)).toBe(true);
    expect(lostConnection(255, 'Connection to 127.0.0.1 closed by remote host.', true)).toBe(true);
    expect(lostConnection(255, '', false)).toBe(true);
    expect(lostConnection(255, 'sbatch: error: something', true)).toBe(false);
    expect(lostConnection(1, 'Broken pipe', false)).toBe(false);
  });

  it('exit 127 from the remote shell is a missing program; a submit still running is unknown, not failed', () => {
    const command = { argv: ['sbatch', 'x'] };
    expect(sessionResult(command, { exitCode: 127, stdout: '', stderr: 'bash: line 1: sbatch: command not found\n', timedOut: false })).toMatchObject({ missingCommand: true, exitCode: 127, argv: ['sbatch', 'x'] });
    expect(sessionResult(command, { exitCode: 75, stdout: '', stderr: '[jq/ssh] an earlier submit of this job is still running\n', timedOut: false }).exitCode).toBeUndefined();
    expect(sessionResult(command, { exitCode: 75, stdout: '', stderr: 'other', timedOut: false }).exitCode).toBe(75);
  });
});

describe('tunnel specifications', () => {
  it('parses scheduler addresses and refuses others', () => {
    expect(parseSchedulerAddress('tcp://127.0.0.1:8786')).toEqual({ protocol: 'tcp', host: '127.0.0.1', port: 8786 });
    expect(parseSchedulerAddress('tls://[::1]:40123')).toEqual({ protocol: 'tls', host: '::1', port: 40123 });
    expect(() => parseSchedulerAddress('127.0.0.1:8786')).toThrow(/expected <protocol>:\/\/<host>:<port>/);
  });

  it('binds loopback for a loopback tunnel host, every interface otherwise', () => {
    const target = parseSchedulerAddress('tcp://127.0.0.1:8786');
    expect(reverseSpecification('127.0.0.1', 0, target)).toBe('127.0.0.1:0:127.0.0.1:8786');
    expect(reverseSpecification('login1', 41000, target)).toBe('0.0.0.0:41000:127.0.0.1:8786');
    expect(localSpecification(5000, parseSchedulerAddress('tcp://[fe80::1]:9000'))).toBe('127.0.0.1:5000:[fe80::1]:9000');
    expect([isLoopback('localhost'), isLoopback('127.0.1.1'), isLoopback('10.0.0.1')]).toEqual([true, true, false]);
  });
});
