import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa, execaSync } from 'execa';
import type { Command, CommandResult, CommandRunner, RunnerConnection, RunOptions } from '@jq/core';
import { sessionArgv } from './ssh-arguments.js';
import { sshError } from './ssh-errors.js';
import { describeTarget, lostConnection } from './ssh-failures.js';
import { SshMaster } from './ssh-master.js';
import { resolveSshOptions, type ResolvedSshOptions, type SshOptions } from './ssh-options.js';
import { makeRemoteDirectoryScript, remoteCommandLine, removeDirectoryScript, submitOnceScript, uploadScript } from './ssh-remote-scripts.js';
import { sessionResult, type SessionOutcome } from './ssh-session-result.js';
import { SshTunnels } from './ssh-tunnels.js';

/** Sessions a command may lose to a dropped connection before the runner gives up on it (core then retries with backoff). */
const sessionTries = 3;

/**
 * Runs every batch command on the login node over ONE OpenSSH ControlMaster connection
 * (the system `ssh`: your `~/.ssh/config`, agent, jump hosts and known_hosts apply). Job
 * scripts are copied to a private directory there first; a dropped connection is made
 * again by the next command, and a submit whose answer it took with it is answered from
 * the login node's record of that submit instead of being submitted twice.
 *
 * @example
 * ```ts
 * const runner = new SshCommandRunner({ host: 'login.hpc.example.org', user: 'me' });
 * const cluster = createSlurmCluster({ scheduler: new EngineScheduler(), runner, options: { cores: 4, memory: '8GB' } });
 * await cluster.scale(2); // sbatch runs on the login node; workers dial back through the tunnel
 * ```
 */
export class SshCommandRunner implements CommandRunner {
  /** The validated options. */
  readonly options: ResolvedSshOptions;
  readonly #localDirectory: string;
  readonly #controlPath: string;
  readonly #master: SshMaster;
  readonly #tunnels: SshTunnels;
  #remoteDirectory: Promise<string> | undefined;
  #closed = false;
  #exitHook: (() => void) | undefined;

  /** Checks `options` (a `ConfigError` names each bad one); connects on first use. */
  constructor(options: SshOptions) {
    this.options = resolveSshOptions(options);
    // mkdtemp makes it 0700: nobody else may reach the control socket, which is a logged-in session
    this.#localDirectory = mkdtempSync(join(tmpdir(), 'jq-ssh-'));
    this.#controlPath = join(this.#localDirectory, '%C');
    this.#master = new SshMaster(this.options, this.#controlPath);
    this.#tunnels = new SshTunnels(this.options, this.#master, (script) => this.#plainSession(script));
  }

  /** Masters started so far: each is one TCP connection and one login (1 unless the connection dropped). */
  get connections(): number {
    return this.#master.connections;
  }

  /** The master process's id while it runs (tests kill it to drop the connection). */
  get masterPid(): number | undefined {
    return this.#master.pid;
  }

  /** The private directory on the login node the job scripts go to, once connected. */
  remoteDirectory(): Promise<string> {
    return this.#ready().then(() => this.#remoteDirectory!);
  }

  /**
   * Logs in (throws `JQ_CONNECTION_FAILED` naming the cause: unknown or changed host key,
   * refused login, unreachable host) and, with `tunnel: 'reverse'`, forwards a port of the
   * login node back to the scheduler: the address handed back is what workers dial.
   */
  async connect(scheduler: { address: string }): Promise<RunnerConnection> {
    await this.#ready();
    if (this.options.tunnel !== 'reverse') return {};
    return { workerAddress: await this.#tunnels.reverse(scheduler.address) };
  }

  /** Makes `address` (a scheduler as the login node dials it, e.g. in a job) reachable here through a local forward; the local address. */
  async forward(address: string): Promise<string> {
    await this.#ready();
    return this.#tunnels.local(address);
  }

  /**
   * Runs `command` on the login node (connecting first if needed). A session that lost the
   * connection is run again on a new one, up to three times; after that, or when the login
   * node cannot be reached, the result has no exit code, which core retries later.
   */
  async run(command: Command, options: RunOptions): Promise<CommandResult> {
    if (this.#closed) return failed(command, sshError('JQ_CLUSTER_CLOSED', 'the SSH runner is closed').message);
    let outcome: SessionOutcome | undefined;
    for (let attempt = 1; attempt <= sessionTries; attempt += 1) {
      try {
        await this.#ready();
      } catch (error) {
        // Unreachable now (the network went away): the command did not run; core retries it later.
        return failed(command, (error as Error).message);
      }
      outcome = await this.#session(command, options.timeoutMs);
      // ssh exits 255 for its own failures. A session through a master that was just killed can
      // end, with nothing on stderr, before this process has seen the master's exit: ask the
      // master before taking 255 for the command's own status (a submit's answer would be lost).
      if (outcome.exitCode === 255) await this.#master.recheck();
      if (!lostConnection(outcome.exitCode, outcome.stderr, this.#master.alive)) return sessionResult(command, outcome);
    }
    return failed(command, `[jq/ssh] lost the connection to ${describeTarget(this.options)} ${sessionTries} times running it: ${outcome?.stderr.trim() ?? ''}`);
  }

  /** Creates `path` (and parents) on the login node, where the jobs write their output; throws with ssh's or mkdir's stderr. */
  async makeDirectory(path: string): Promise<void> {
    const result = await this.run({ argv: ['mkdir', '-p', '--', path] }, { timeoutMs: 60_000 });
    if (result.exitCode !== 0) throw sshError('JQ_COMMAND_FAILED', `could not create ${path} on ${describeTarget(this.options)}: ${result.stderr.trim()}`);
  }

  /** For the exit-time cancel: one blocking session on the master (no file copies). */
  runSync(command: Command, options: RunOptions): CommandResult {
    const argv = sessionArgv(this.options, this.#controlPath, remoteCommandLine(command));
    const result = execaSync('ssh', argv, { reject: false, timeout: options.timeoutMs, ...input(command.stdin), stripFinalNewline: false });
    return sessionResult(command, { exitCode: result.exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), timedOut: result.timedOut });
  }

  /** Removes the scripts on the login node and ends the master (`ssh -O exit`). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const remote = this.#remoteDirectory ? await this.#remoteDirectory.catch(() => undefined) : undefined;
    if (remote !== undefined && this.#master.alive) await this.#plainSession(removeDirectoryScript(remote));
    await this.#master.exit();
    this.#removeExitHook();
  }

  async #ready(): Promise<void> {
    if (this.#closed) throw sshError('JQ_CLUSTER_CLOSED', 'the SSH runner is closed');
    const { fresh } = await this.#master.ensure();
    if (fresh) await this.#tunnels.restore();
    this.#installExitHook();
    this.#remoteDirectory ??= this.#plainSession(makeRemoteDirectoryScript(this.options.remoteDirectory)).then((result) => {
      const path = result.stdout.trim();
      if (result.exitCode !== 0 || !path.startsWith('/')) {
        this.#remoteDirectory = undefined;
        throw sshError('JQ_CONNECTION_FAILED', `could not make the private directory ${this.options.remoteDirectory} on ${describeTarget(this.options)}: ${result.stderr.trim()}`);
      }
      return path;
    });
    await this.#remoteDirectory;
  }

  /**
   * One session for `command`. A submit (it names local files) has them copied first, its
   * standard input too, and runs once-only; other commands get their input directly.
   */
  async #session(command: Command, timeoutMs: number): Promise<SessionOutcome> {
    const line = (argv: string[]) => remoteCommandLine({ argv, ...(command.env ? { env: command.env } : {}) });
    const stdin = command.stdinFile !== undefined ? await readFile(command.stdinFile, 'utf8') : command.stdin;
    const files = command.localFiles ?? [];
    if (files.length === 0) return this.#plainSession(line(command.argv), stdin, timeoutMs);
    const directory = await this.#remoteDirectory!;
    const copies = new Map<string, string>();
    for (const local of files) {
      const remote = `${directory}/${basename(local)}`;
      // Core writes a job's executable 0700 and its scripts 0600; the copy keeps that difference.
      const executable = ((await stat(local)).mode & 0o100) !== 0;
      const copied = await this.#plainSession(uploadScript(remote, executable), await readFile(local, 'utf8'), timeoutMs);
      if (copied.exitCode !== 0) return copied;
      copies.set(local, remote);
    }
    const record = `${copies.get(files[0]!)!}.submit`;
    let stdinPath = command.stdinFile === undefined ? undefined : copies.get(command.stdinFile);
    if (stdin !== undefined && stdinPath === undefined) {
      stdinPath = `${record}.stdin`;
      const copied = await this.#plainSession(uploadScript(stdinPath), stdin, timeoutMs);
      if (copied.exitCode !== 0) return copied;
    }
    const argv = command.argv.map((word) => copies.get(word) ?? word);
    return this.#plainSession(submitOnceScript(line(argv), record, timeoutMs / 1000, stdinPath), undefined, timeoutMs);
  }

  async #plainSession(remoteCommand: string, stdin?: string, timeoutMs = 60_000): Promise<SessionOutcome> {
    const argv = sessionArgv(this.options, this.#controlPath, remoteCommand);
    const result = await execa('ssh', argv, { reject: false, timeout: timeoutMs, ...input(stdin), stripFinalNewline: false });
    return { exitCode: result.exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), timedOut: result.timedOut };
  }

  /** Ends the master when the process exits: registered after the cluster's own exit hook, so its last cancel still has the connection. */
  #installExitHook(): void {
    if (this.#exitHook !== undefined) return;
    this.#exitHook = () => {
      this.#master.exitSync();
      rmSync(this.#localDirectory, { recursive: true, force: true });
    };
    process.on('exit', this.#exitHook);
  }

  #removeExitHook(): void {
    if (this.#exitHook !== undefined) process.off('exit', this.#exitHook);
    this.#exitHook = undefined;
    rmSync(this.#localDirectory, { recursive: true, force: true });
  }
}

function input(stdin: string | undefined) {
  return stdin === undefined ? { stdin: 'ignore' as const } : { input: stdin };
}

/** A command that did not run (or whose end is unknown): no exit code, which core counts as transient. */
function failed(command: Command, message: string): CommandResult {
  return { argv: command.argv, exitCode: undefined, stdout: '', stderr: message, timedOut: false };
}
