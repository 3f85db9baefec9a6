import type { JobQueueError } from '@jq/core';
import { sshError } from './ssh-errors.js';
import type { ResolvedSshOptions } from './ssh-options.js';

/** Why a login failed, from ssh's own words, with what to do about it. */
const causes: ReadonlyArray<{ pattern: RegExp; reason: string; remedy: string }> = [
  { pattern: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/, reason: 'its host key CHANGED since it was recorded in known_hosts', remedy: 'check with your site that the key really changed, then remove the old one (`ssh-keygen -R <host>`)' },
  { pattern: /No \S+ host key is known|Host key verification failed/, reason: 'its host key is not known (not in known_hosts)', remedy: 'log in once with `ssh` in a terminal and accept the key' },
  { pattern: /Permission denied|Too many authentication failures|Authentication failed/i, reason: 'authentication failed', remedy: 'check the user, the key (`identityFile`) or your agent; `ssh` in a terminal shows more' },
  { pattern: /Could not resolve hostname|Name or service not known/i, reason: 'the host name does not resolve', remedy: 'check `ssh.host`' },
  { pattern: /Connection refused|Connection timed out|No route to host|Network is unreachable|Operation timed out/i, reason: 'it cannot be reached', remedy: 'check `ssh.host`, `ssh.port`, `ssh.jumpHost` and your network' },
];

/** Where the runner logs in, as a person would type it: `user@host:port`. */
export function describeTarget(options: ResolvedSshOptions): string {
  return `${options.user === undefined ? '' : `${options.user}@`}${options.host}${options.port === undefined ? '' : `:${options.port}`}`;
}

/** The `JQ_CONNECTION_FAILED` error for a master that could not start, naming the cause when ssh said it. */
export function connectionFailure(options: ResolvedSshOptions, stderr: string): JobQueueError {
  const said = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !/^@+$|^@\s/.test(line)).slice(-3).join(' / ');
  const cause = causes.find(({ pattern }) => pattern.test(stderr));
  const target = describeTarget(options);
  const explanation = cause ? `${cause.reason}; ${cause.remedy}` : 'ssh gave up';
  return sshError('JQ_CONNECTION_FAILED', `cannot log in to ${target}: ${explanation}${said ? ` (ssh: ${said})` : ''}`);
}

/**
 * ssh's own messages when a session lost its connection (as opposed to the remote
 * command failing): the multiplexed session's socket or the TCP connection went away.
 */
const transportMessages = /mux_client|Control socket|ControlSocket|Connection (?:to \S+ )?closed|Connection reset|Broken pipe|client_loop|packet_write_wait|kex_exchange_identification|Connection timed out during banner/;

/** True when an ssh session's failure was the connection's, not the command's (exit 255 and ssh's words, or the master died). */
export function lostConnection(exitCode: number | undefined, stderr: string, masterAlive: boolean): boolean {
  return exitCode === 255 && (!masterAlive || transportMessages.test(stderr));
}
