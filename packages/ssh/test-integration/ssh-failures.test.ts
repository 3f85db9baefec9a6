import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { JobQueueCluster, JobQueueError } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { createSlurmCluster, slurmBackend } from '@jq/slurm';
import { checkSshSite, SshCommandRunner } from '../src/index.js';
import { ciConfig, commandsSince, jobsNamed, logOffset, privateFile, privatePath, requireCiSite } from './ci-site.js';

requireCiSite();

const clusters: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((cluster) => cluster.close()));
});

/** The public half of a key that is not jqssh's, and a known_hosts line with another host key. */
function strangers(): { key: string; knownHosts: string } {
  const key = privatePath('stranger');
  rmSync(key, { force: true });
  rmSync(`${key}.pub`, { force: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  const otherHostKey = readFileSync(`${key}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  return { key, knownHosts: privateFile('known_hosts-changed', `[127.0.0.1]:2222 ${otherHostKey}\n`) };
}

describe('logins that fail: one clear error each, nothing submitted', () => {
  const { key, knownHosts } = strangers();
  it.each([
    ['an unknown host key', { UserKnownHostsFile: privateFile('known_hosts-empty', '') }, /its host key is not known/],
    ['a changed host key', { UserKnownHostsFile: knownHosts }, /its host key CHANGED/],
    ['a key the server refuses', { IdentityFile: key }, /authentication failed/],
    ['an unreachable host', { Port: '2299', ConnectTimeout: '5' }, /it cannot be reached/],
  ])('%s', async (_name, overrides, cause) => {
    const jobName = `jq-ssh-fail-${process.pid}-${Object.keys(overrides).join('-')}`;
    const commandsAt = logOffset('commands');
    const runner = new SshCommandRunner({ host: 'jq-ci', configFile: ciConfig(overrides) });
    const cluster = createSlurmCluster({ scheduler: new TestScheduler(['sleep', '60']), runner, options: { name: jobName, jobName, cores: 1, memory: '256MB' } });
    clusters.push(cluster);
    const failure = await cluster.scale(2).then(() => undefined, (error: unknown) => error);
    expect(JobQueueError.hasCode(failure, 'JQ_CONNECTION_FAILED')).toBe(true);
    expect((failure as Error).message).toMatch(/^\[jq\/ssh\] cannot log in to jq-ci: /);
    expect((failure as Error).message).toMatch(cause);
    expect(cluster.jobs()).toEqual([]);
    expect(runner.connections).toBe(1);
    expect(commandsSince(commandsAt).filter(({ command }) => command.includes('sbatch'))).toEqual([]);
    expect(jobsNamed(jobName)).toEqual([]);
  });
});

describe('commands on the login node', () => {
  it('a submit fed its script on standard input (LSF\'s `bsub < job.sh`) gets the uploaded copy, once', async () => {
    const runner = new SshCommandRunner({ host: 'jq-ci', configFile: ciConfig() });
    clusters.push(runner);
    const script = privateFile('stdin-job.sh', '#BSUB -J jq\necho "$(id -un)"\n');
    const submit = { argv: ['sh', '-c', 'cat; echo run >> "$0.runs"', script], stdinFile: script, localFiles: [script] };
    const first = await runner.run(submit, { timeoutMs: 30_000 });
    expect([first.exitCode, first.stdout]).toEqual([0, '#BSUB -J jq\necho "$(id -un)"\n']);
    expect((await runner.run(submit, { timeoutMs: 30_000 })).stdout).toBe(first.stdout);
    const directory = await runner.remoteDirectory();
    expect((await runner.run({ argv: ['cat', `${directory}/stdin-job.sh.runs`] }, { timeoutMs: 30_000 })).stdout).toBe('run\n');
    expect((await runner.run({ argv: ['stat', '-c', '%a %U', directory, `${directory}/stdin-job.sh`] }, { timeoutMs: 30_000 })).stdout).toBe('700 jqssh\n600 jqssh\n');
  });

  it("a job's executable (0700 here, as core writes it) is copied runnable beside its 0600 script, and the script finds it", async () => {
    const runner = new SshCommandRunner({ host: 'jq-ci', configFile: ciConfig() });
    clusters.push(runner);
    const script = privateFile('two-files.sh', 'description naming two-files.sh.executable\n');
    const executable = privateFile('two-files.sh.executable', '#!/bin/sh\necho "ran $(basename "$0")"\n');
    chmodSync(executable, 0o700);
    // As condor_submit does with `$Fp(SUBMIT_FILE)`: the executable is found in the script's folder, and run in place.
    const submit = { argv: ['sh', '-c', '"$(dirname "$0")/two-files.sh.executable"', script], localFiles: [script, executable] };
    expect(await runner.run(submit, { timeoutMs: 30_000 })).toMatchObject({ exitCode: 0, stdout: 'ran two-files.sh.executable\n' });
    const directory = await runner.remoteDirectory();
    const modes = await runner.run({ argv: ['stat', '-c', '%a', `${directory}/two-files.sh`, `${directory}/two-files.sh.executable`] }, { timeoutMs: 30_000 });
    expect(modes.stdout).toBe('600\n700\n');
  });

  it('a program the login node does not have: core\'s JQ_COMMAND_NOT_FOUND at once, not retried', async () => {
    // Slurm's backend with its submit program renamed to one that exists nowhere
    const backend = { ...slurmBackend, submit: (...args: Parameters<typeof slurmBackend.submit>) => ({ argv: ['jq-no-such-sbatch', ...slurmBackend.submit(...args).argv.slice(1)] }) };
    const jobName = `jq-ssh-missing-${process.pid}`;
    const commandsAt = logOffset('commands');
    // the TestScheduler has no address to tunnel
    const runner = new SshCommandRunner({ host: 'jq-ci', configFile: ciConfig(), tunnel: 'forward' });
    const cluster = new JobQueueCluster({ backend, scheduler: new TestScheduler(['sleep', '60']), runner, options: { name: jobName, jobName, cores: 1, memory: '256MB' } });
    clusters.push(cluster);
    const failure = await cluster.scale(1).then(() => undefined, (error: unknown) => error);
    expect(JobQueueError.hasCode(failure, 'JQ_COMMAND_NOT_FOUND')).toBe(true);
    expect((failure as Error).message).toContain('jq-no-such-sbatch not found on PATH');
    expect(commandsSince(commandsAt).filter(({ command }) => command.includes('jq-no-such-sbatch'))).toHaveLength(1);
  });
});

describe('checkSshSite (what `jobqueue doctor --ssh` prints)', () => {
  it('on the CI sshd both tunnel modes work, and reverse is recommended; nothing is left on the login node', async () => {
    const commandsAt = logOffset('commands');
    const report = await checkSshSite({ host: 'jq-ci', configFile: ciConfig() });
    expect(report).toMatchObject({ target: 'jq-ci', connected: true, reverse: { works: true }, forward: { works: true }, recommended: 'reverse' });
    expect(report.reverse?.detail).toMatch(/^the login node reached this machine through tcp:\/\/vm:\d+$/);
    const made = commandsSince(commandsAt).find(({ command }) => command.startsWith('rm -rf -- /home/jqssh/.cache/jobqueue/ssh/run-'));
    expect(made).toBeDefined();
  });

  it('a login that fails is reported, not thrown', async () => {
    const report = await checkSshSite({ host: 'jq-ci', configFile: ciConfig({ UserKnownHostsFile: privateFile('known_hosts-empty', '') }) });
    expect(report.connected).toBe(false);
    expect(report.error).toMatch(/its host key is not known/);
    expect(report.recommended).toBeUndefined();
  });
});
