import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { SshOptions } from '../src/index.js';

/** ci/ssh/up.sh's state folder: the test key, known_hosts, and the logs the tests count from. */
export const ciDirectory = process.env.JQ_SSH_DIR ?? '/run/jq-ci-ssh';
const commandsLog = join(ciDirectory, 'commands.log');
const sshdLog = join(ciDirectory, 'sshd.log');

/** A private folder with ssh config files for the CI sshd: a good one and the broken ones. */
const configDirectory = mkdtempSync(join(tmpdir(), 'jq-ssh-it-'));

/** Writes an ssh config for Host `jq-ci` (the CI sshd) with `overrides` over the working settings. */
export function ciConfig(overrides: Record<string, string> = {}): string {
  const settings: Record<string, string> = {
    HostName: '127.0.0.1',
    Port: '2222',
    User: 'jqssh',
    IdentityFile: join(ciDirectory, 'id_ed25519'),
    IdentitiesOnly: 'yes',
    BatchMode: 'yes',
    StrictHostKeyChecking: 'yes',
    UserKnownHostsFile: join(ciDirectory, 'known_hosts'),
    ...overrides,
  };
  const path = join(configDirectory, `config-${Object.keys(overrides).join('-') || 'good'}`);
  writeFileSync(path, `Host jq-ci\n${Object.entries(settings).map(([key, value]) => `  ${key} ${value}\n`).join('')}`, { mode: 0o600 });
  return path;
}

/** The working SSH options for the CI sshd. */
export const ciSsh = (overrides: Partial<SshOptions> = {}): SshOptions => ({ host: 'jq-ci', configFile: ciConfig(), ...overrides });

/** A path in the private config folder, for a file a tool writes there itself (a key pair). */
export function privatePath(name: string): string {
  return join(configDirectory, name);
}

/** Writes a file in the private config folder (an empty known_hosts, another key…). */
export function privateFile(name: string, text: string): string {
  const path = join(configDirectory, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** The size of a log now: what a test reads from later to count only what it caused. */
export function logOffset(which: 'commands' | 'sshd'): number {
  return statSync(which === 'commands' ? commandsLog : sshdLog).size;
}

/** One commands.log line: when, from which client ip:port, which command. */
export interface LoggedCommand {
  time: string;
  client: string;
  command: string;
}

/** commands.log lines written since `offset`. */
export function commandsSince(offset: number): LoggedCommand[] {
  return readFileSync(commandsLog).subarray(offset).toString('utf8').split('\n').filter(Boolean).map((line) => {
    const [time = '', client = '', ...command] = line.split('\t');
    return { time, client, command: command.join('\t') };
  });
}

/** sshd.log logins (`Accepted publickey for jqssh`) since `offset`: one per TCP connection that authenticated. */
export function loginsSince(offset: number): string[] {
  return readFileSync(sshdLog).subarray(offset).toString('utf8').split('\n').filter((line) => /Accepted publickey for jqssh/.test(line));
}

/** Ids of the jobs named `jobName` in the queue (every state, finished ones too for MinJobAge), as root sees them. */
export function jobsNamed(jobName: string, states = 'all'): string[] {
  return execFileSync('squeue', ['--noheader', '--array', `--states=${states}`, `--name=${jobName}`, '--format=%i'], { encoding: 'utf8', timeout: 30_000 })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Ids of this job name's jobs still pending, running or completing. */
export const liveJobsNamed = (jobName: string): string[] => jobsNamed(jobName, 'PD,R,CG');

/** Fails the suite at once, saying what to start, when the CI sshd or Slurm is not there; removes the config folder after it. */
export function requireCiSite(): void {
  afterAll(() => rmSync(configDirectory, { recursive: true, force: true }));
  beforeAll(() => {
    if (!existsSync(join(ciDirectory, 'id_ed25519')) || !existsSync(sshdLog)) throw new Error('[jq/ssh] the CI sshd is not set up: run `bash ci/ssh/up.sh` first');
    try {
      execFileSync('scontrol', ['ping'], { stdio: 'ignore', timeout: 10_000 });
      execFileSync('ssh', ['-F', ciConfig(), 'jq-ci', 'true'], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      throw new Error('[jq/ssh] Slurm or the CI sshd does not answer: run `bash ci/slurm/up.sh && bash ci/ssh/up.sh` first');
    }
  });
}
