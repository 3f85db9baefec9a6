import { ConfigError, type SshSetting, sshSettingIssues } from '@jq/core';
import type { Command } from 'commander';
import { CliUsageError } from './cli-errors.js';
import { name as cliPackageName } from '../package.json';

/** The parsed `--ssh*` flags, as commander names them. */
export interface SshFlags {
  ssh?: string;
  sshIdentity?: string;
  sshJump?: string;
  sshConfig?: string;
}

/** Declares `--ssh [user@]host[:port]` and its companions on `command`. */
export function addSshFlags(command: Command, purpose: string): Command {
  return command
    .option('--ssh <[user@]host[:port]>', `${purpose}: batch commands run on this login node over one SSH connection (your ~/.ssh/config, agent and known_hosts apply)`)
    .option('--ssh-identity <file>', 'with --ssh: private key file (ssh -i)')
    .option('--ssh-jump <[user@]host[:port]>', 'with --ssh: jump host(s), comma-separated (ssh -J)')
    .option('--ssh-config <file>', 'with --ssh: ssh config file instead of ~/.ssh/config (ssh -F)');
}

/**
 * The `ssh` option the flags ask for, or undefined without `--ssh`. `user@host:port` is split
 * here (`[::1]:22` for IPv6, brackets kept); every part is then checked by core's rules, so a value that
 * could reach ssh as a flag is refused naming it.
 */
export function sshSettingFromFlags(flags: SshFlags): SshSetting | undefined {
  if (flags.ssh === undefined) {
    const orphan = (['sshIdentity', 'sshJump', 'sshConfig'] as const).find((key) => flags[key] !== undefined);
    if (orphan) throw new CliUsageError(`--${orphan.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} needs --ssh`, '--ssh [user@]host[:port]');
    return undefined;
  }
  const match = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:@]*)(?::([^:@]*))?$/.exec(flags.ssh);
  if (match === null) throw new CliUsageError(`--ssh "${flags.ssh}": expected [user@]host[:port]`, '--ssh alice@login.hpc.example.org:22');
  const [, user, host = '', port] = match;
  const setting: SshSetting = {
    host,
    ...(user !== undefined ? { user } : {}),
    ...(port !== undefined ? { port: /^\d+$/.test(port) ? Number(port) : (port as unknown as number) } : {}),
    ...(flags.sshIdentity !== undefined ? { identityFile: flags.sshIdentity } : {}),
    ...(flags.sshJump !== undefined ? { jumpHost: flags.sshJump } : {}),
    ...(flags.sshConfig !== undefined ? { configFile: flags.sshConfig } : {}),
  };
  const issues = sshSettingIssues(setting);
  if (issues.length > 0) throw new ConfigError(cliPackageName, issues.map((issue) => ({ ...issue, source: 'the --ssh flags' })));
  return setting;
}
