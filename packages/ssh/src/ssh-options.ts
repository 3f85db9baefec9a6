import { ConfigError, type SshSetting, type SshTunnelMode, sshSettingIssues } from '@jq/core';
import { sshPackageName } from './ssh-errors.js';

/**
 * Where and how to log in: core's `ssh` cluster option (`ssh: { host, user?, port?,
 * identityFile?, jumpHost? }`), declared and checked once, in core, so a cluster's options and
 * this runner agree on every rule.
 */
export type SshOptions = SshSetting;

export type { SshTunnelMode };

/** {@link SshOptions} with every default applied. */
export type ResolvedSshOptions = SshOptions & { tunnel: SshTunnelMode; remoteDirectory: string; connectTimeout: number };

/**
 * Every problem with `options` at once, each naming the option (`ssh.host`), the value and
 * what is expected: nothing that reaches ssh's command line can be read as a flag or carry
 * a second word.
 */
export function resolveSshOptions(options: SshOptions): ResolvedSshOptions {
  const issues = sshSettingIssues(options ?? {});
  if (issues.length > 0) throw new ConfigError(sshPackageName, issues);
  return { ...options, tunnel: options.tunnel ?? 'reverse', remoteDirectory: options.remoteDirectory ?? '.cache/jobqueue/ssh', connectTimeout: options.connectTimeout ?? 15 };
}
