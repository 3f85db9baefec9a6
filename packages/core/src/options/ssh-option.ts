import Type from 'typebox';
import type { ConfigIssue } from '../errors.js';

/** How workers reach the scheduler when the cluster is driven over SSH. */
export type SshTunnelMode = 'reverse' | 'forward';

/**
 * The `ssh` option: where and how to log in to run every batch command on the login node
 * (`ssh: { host, user?, port?, identityFile?, jumpHost? }`). Nothing secret belongs here:
 * it is kept in the cluster's journal, so another process can reach the cluster too.
 */
export interface SshSetting {
  /** The login node (a name, an address, or a `Host` alias of your `~/.ssh/config`). */
  host: string;
  /** Login name; default: what `~/.ssh/config` or your local name says. */
  user?: string;
  /** sshd port; default: what `~/.ssh/config` says, else 22. */
  port?: number;
  /** Private key file (`ssh -i`), a path: the key itself never goes in options. Default: your agent and `~/.ssh/config`. */
  identityFile?: string;
  /** Jump host(s) on the way, `[user@]host[:port]`, comma-separated (`ssh -J`). */
  jumpHost?: string;
  /** An ssh config file used instead of `~/.ssh/config` (`ssh -F`). */
  configFile?: string;
  /**
   * `reverse` (default): the scheduler runs here and the login node forwards a port back to
   * it (`ssh -R`), so workers dial the login node. `forward`: the scheduler runs on the
   * cluster and this machine reaches it through a local forward (`ssh -L`).
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

/**
 * The option's schema entry: an object, checked in full by {@link sshSettingIssues} (host
 * names, ports and paths need rules a JSON schema words badly).
 */
export const SshSettingSchema = Type.Unsafe<SshSetting>({ type: 'object', description: 'run batch commands on a login node over SSH: { host, user?, port?, identityFile?, jumpHost?, configFile?, tunnel? }' });

/** Every key of {@link SshSetting}. */
export const sshSettingKeys = ['host', 'user', 'port', 'identityFile', 'jumpHost', 'configFile', 'tunnel', 'tunnelHost', 'remoteDirectory', 'connectTimeout'] as const;

const hostPattern = /^[A-Za-z0-9_](?:[A-Za-z0-9_.:%-]*[A-Za-z0-9_.])?$|^\[[0-9A-Fa-f:.%A-Za-z]+\]$/;
const userPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;
const jumpPattern = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*@)?[A-Za-z0-9_][A-Za-z0-9_.-]*(?::\d{1,5})?$/;
const control = /[\u0000-\u001f\u007f]/;

/**
 * Every problem with an `ssh` setting at once, each naming the option (`ssh.host`), the
 * value and what is expected. Nothing that passes can reach ssh's command line as a flag
 * or carry a second word.
 */
export function sshSettingIssues(value: unknown, prefix = 'ssh'): ConfigIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path: prefix, value, message: 'an object { host, user?, port?, identityFile?, jumpHost? }' }];
  }
  const issues: ConfigIssue[] = [];
  const given = value as Record<string, unknown>;
  const add = (key: string, message: string) => issues.push({ path: `${prefix}.${key}`, value: given[key], message });
  const { host, user, port, jumpHost, tunnel, tunnelHost, connectTimeout } = given;
  if (typeof host !== 'string' || !hostPattern.test(host)) add('host', 'a host name, IP address or ssh config alias (letters, digits, ".", "-", "_", ":")');
  if (user !== undefined && (typeof user !== 'string' || !userPattern.test(user))) add('user', 'a login name (letters, digits, ".", "-", "_"; no "@")');
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65_535)) add('port', 'a whole number from 1 to 65535');
  if (jumpHost !== undefined && (typeof jumpHost !== 'string' || !jumpHost.split(',').every((hop) => jumpPattern.test(hop)))) add('jumpHost', '[user@]host[:port], several separated by ","');
  if (tunnel !== undefined && tunnel !== 'reverse' && tunnel !== 'forward') add('tunnel', '"reverse" or "forward"');
  if (tunnelHost !== undefined && (typeof tunnelHost !== 'string' || !hostPattern.test(tunnelHost))) add('tunnelHost', 'a host name or IP address');
  if (connectTimeout !== undefined && !(Number.isInteger(connectTimeout) && (connectTimeout as number) >= 1)) add('connectTimeout', 'a whole number of seconds >= 1');
  const paths = { identityFile: 'a private key file', configFile: 'an ssh config file', remoteDirectory: 'a directory on the login node' } as const;
  for (const [key, what] of Object.entries(paths)) {
    const path = given[key];
    if (path !== undefined && (typeof path !== 'string' || path === '' || control.test(path) || path.startsWith('-'))) {
      add(key, `${what}: a non-empty path without control characters, not starting with "-"`);
    }
  }
  const known: readonly string[] = sshSettingKeys;
  for (const key of Object.keys(given)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    add(key, known.includes(camel) ? `write it as ${camel}` : `a known option (${known.join(', ')})`);
  }
  return issues;
}
