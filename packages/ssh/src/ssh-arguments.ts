import type { ResolvedSshOptions } from './ssh-options.js';

/**
 * The flags every ssh call of one runner shares: where to log in and which control
 * socket multiplexes it. Built as argv (execa, no local shell): an option value is
 * one argument and can never become a second one.
 */
export function connectionArguments(options: ResolvedSshOptions, controlPath: string): string[] {
  const argv: string[] = [];
  if (options.configFile !== undefined) argv.push('-F', options.configFile);
  if (options.port !== undefined) argv.push('-p', String(options.port));
  if (options.user !== undefined) argv.push('-l', options.user);
  if (options.identityFile !== undefined) argv.push('-i', options.identityFile);
  if (options.jumpHost !== undefined) argv.push('-J', options.jumpHost);
  argv.push('-o', `ControlPath=${controlPath}`, '-o', `ConnectTimeout=${options.connectTimeout}`);
  return argv;
}

/**
 * The master: the one authenticated TCP connection of the runner's life, in the
 * foreground of its own process (no `-f`) so its exit tells us the connection is gone.
 * Keepalives notice a dead network; a forward that cannot be set up fails the request.
 */
export function masterArgv(options: ResolvedSshOptions, controlPath: string): string[] {
  return [
    ...connectionArguments(options, controlPath),
    '-o', 'ControlMaster=yes',
    '-o', 'ServerAliveInterval=15',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'ExitOnForwardFailure=yes',
    '-N', '--', options.host,
  ];
}

/** A session on the master running `remoteCommand` (one shell string, quoted by us) on the login node. */
export function sessionArgv(options: ResolvedSshOptions, controlPath: string, remoteCommand: string): string[] {
  return [...connectionArguments(options, controlPath), '-o', 'ControlMaster=no', '-T', '--', options.host, remoteCommand];
}

/** A request to the running master: `check`, `exit`, or `forward` with its `-R`/`-L` specification. */
export function controlArgv(options: ResolvedSshOptions, controlPath: string, request: 'check' | 'exit' | { forward: ['-R' | '-L', string] }): string[] {
  const operation = typeof request === 'string' ? ['-O', request] : ['-O', 'forward', ...request.forward];
  return [...connectionArguments(options, controlPath), ...operation, '--', options.host];
}
