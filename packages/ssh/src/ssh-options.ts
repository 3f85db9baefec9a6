import { ConfigError, type ConfigIssue } from '@jq/core';
import { sshPackageName } from './ssh-errors.js';

/** How workers reach the scheduler when the cluster is driven over SSH. */
export type SshTunnelMode = 'reverse' | 'forward';

/** Where and how to log in: `ssh: { host, user?, port?, identityFile?, jumpHost? }` on the cluster. */
export interface SshOptions {
  /** The login node (a name, an address, or a `Host` alias of your `~/.ssh/config`). */
  host: string;
  /** Login name; default: what `~/.ssh/config` or your local name says. */
  user?: string;
  /** sshd port; default: what `~/.ssh/config` says, else 22. */
  port?: number;
  /** Private key file (`ssh -i`); default: your agent and `~/.ssh/config`. */
  identityFile?: string;
  /** Jump host(s) on the way, `[user@]host[:port]`, comma-separated (`ssh -J`). */
  jumpHost?: string;
  /** An ssh config file used instead of `~/.ssh/config` (`ssh -F`). */
  configFile?: string;
  /**
   * `reverse` (default): the scheduler runs here and the login node forwards a port back to
   * it (`ssh -R`), so workers dial the login node. `forward`: the scheduler runs in a job
   * (`placement: 'job'`) and this machine reaches it through a local forward (`ssh -L`).
   */
  tunnel?: SshTunnelMode;
  /**
   * The login node's name as compute nodes dial it, for the reverse tunnel. Default: what
   * `hostname` prints on the login node. A loopback address binds the tunnel to loopback;
   * any other binds every interface, which needs `GatewayPorts clientspecified` (or `yes`) in sshd.
   */
  tunnelHost?: string;
  /** Private directory on the login node for job scripts, relative to the home directory or absolute. Default `.cache/jobqueue/ssh`. */
  remoteDirectory?: string;
  /** Seconds to wait for the TCP connection to the login node. Default 15. */
  connectTimeout?: number;
}

/** {@link SshOptions} with every default applied. */
export type ResolvedSshOptions = SshOptions & { tunnel: SshTunnelMode; remoteDirectory: string; connectTimeout: number };

const hostPattern = /^[A-Za-z0-9_](?:[A-Za-z0-9_.:%-]*[A-Za-z0-9_.])?$|^\[[0-9A-Fa-f:.%A-Za-z]+\]$/;
const userPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;
const jumpPattern = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*@)?[A-Za-z0-9_][A-Za-z0-9_.-]*(?::\d{1,5})?$/;
const control = /[\u0000-\u001f\u007f]/;

/** A path option: any text without control characters, not read as an ssh flag. */
function checkPath(issues: ConfigIssue[], path: string, value: unknown, what: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value === '' || control.test(value) || value.startsWith('-')) {
    issues.push({ path, value, message: `${what}: a non-empty path without control characters, not starting with "-"` });
  }
}

/**
 * Every problem with `options` at once, each naming the option (`ssh.host`), the value and
 * what is expected: nothing that reaches ssh's command line can be read as a flag or carry
 * a second word.
 */
export function resolveSshOptions(options: SshOptions): ResolvedSshOptions {
  const issues: ConfigIssue[] = [];
  const given = (options ?? {}) as unknown as Record<string, unknown>;
  const { host, user, port, jumpHost, tunnel, tunnelHost, connectTimeout } = given;
  if (typeof host !== 'string' || !hostPattern.test(host)) issues.push({ path: 'ssh.host', value: host, message: 'a host name, IP address or ssh config alias (letters, digits, ".", "-", "_", ":")' });
  if (user !== undefined && (typeof user !== 'string' || !userPattern.test(user))) issues.push({ path: 'ssh.user', value: user, message: 'a login name (letters, digits, ".", "-", "_"; no "@")' });
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65_535)) issues.push({ path: 'ssh.port', value: port, message: 'a whole number from 1 to 65535' });
  if (jumpHost !== undefined && (typeof jumpHost !== 'string' || !jumpHost.split(',').every((hop) => jumpPattern.test(hop)))) {
    issues.push({ path: 'ssh.jumpHost', value: jumpHost, message: '[user@]host[:port], several separated by ","' });
  }
  if (tunnel !== undefined && tunnel !== 'reverse' && tunnel !== 'forward') issues.push({ path: 'ssh.tunnel', value: tunnel, message: '"reverse" or "forward"' });
  if (tunnelHost !== undefined && (typeof tunnelHost !== 'string' || !hostPattern.test(tunnelHost))) issues.push({ path: 'ssh.tunnelHost', value: tunnelHost, message: 'a host name or IP address' });
  if (connectTimeout !== undefined && !(Number.isInteger(connectTimeout) && (connectTimeout as number) >= 1)) issues.push({ path: 'ssh.connectTimeout', value: connectTimeout, message: 'a whole number of seconds >= 1' });
  checkPath(issues, 'ssh.identityFile', given.identityFile, 'a private key file');
  checkPath(issues, 'ssh.configFile', given.configFile, 'an ssh config file');
  checkPath(issues, 'ssh.remoteDirectory', given.remoteDirectory, 'a directory on the login node');
  const known = new Set(['host', 'user', 'port', 'identityFile', 'jumpHost', 'configFile', 'tunnel', 'tunnelHost', 'remoteDirectory', 'connectTimeout']);
  for (const key of Object.keys(given)) if (!known.has(key)) issues.push({ path: `ssh.${key}`, value: given[key], message: `a known option (${[...known].join(', ')})` });
  if (issues.length > 0) throw new ConfigError(sshPackageName, issues);
  return { ...options, tunnel: options.tunnel ?? 'reverse', remoteDirectory: options.remoteDirectory ?? '.cache/jobqueue/ssh', connectTimeout: options.connectTimeout ?? 15 };
}
