import { describe, expect, it } from 'vitest';
import { controlArgv, masterArgv, resolveSshOptions, sessionArgv } from '../src/index.js';

const options = resolveSshOptions({ host: 'login', user: 'alice', port: 2222, identityFile: '/keys/id', jumpHost: 'gate', configFile: '/etc/jq/ssh_config' });
const socket = '/tmp/jq-ssh-abc/%C';

describe('ssh argv', () => {
  it('the master: one connection, its control socket, keepalives, no command', () => {
    expect(masterArgv(options, socket)).toEqual([
      '-F', '/etc/jq/ssh_config', '-p', '2222', '-l', 'alice', '-i', '/keys/id', '-J', 'gate',
      '-o', `ControlPath=${socket}`, '-o', 'ConnectTimeout=15',
      '-o', 'ControlMaster=yes', '-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=3', '-o', 'ExitOnForwardFailure=yes',
      '-N', '--', 'login',
    ]);
  });

  it('a session: on the master, the remote command one argument after the host', () => {
    const argv = sessionArgv(options, socket, "squeue --name='x y'");
    expect(argv.slice(-6)).toEqual(['-o', 'ControlMaster=no', '-T', '--', 'login', "squeue --name='x y'"]);
    expect(argv.slice(0, 14)).toEqual(masterArgv(options, socket).slice(0, 14));
  });

  it('control requests go to the same socket', () => {
    expect(controlArgv(options, socket, 'exit').slice(-4)).toEqual(['-O', 'exit', '--', 'login']);
    expect(controlArgv(options, socket, { forward: ['-R', '127.0.0.1:0:127.0.0.1:8786'] }).slice(-6)).toEqual(['-O', 'forward', '-R', '127.0.0.1:0:127.0.0.1:8786', '--', 'login']);
  });

  it('leaves out what was not given, so ~/.ssh/config decides', () => {
    expect(sessionArgv(resolveSshOptions({ host: 'cluster' }), socket, 'true')).toEqual(['-o', `ControlPath=${socket}`, '-o', 'ConnectTimeout=15', '-o', 'ControlMaster=no', '-T', '--', 'cluster', 'true']);
  });
});
