import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa, execaSync } from 'execa';
import { controlArgv, masterArgv } from './ssh-arguments.js';
import { connectionFailure } from './ssh-failures.js';
import type { ResolvedSshOptions } from './ssh-options.js';

/** How often a starting master is asked whether it is up. */
const checkEveryMs = 100;

/** The master's process: stderr kept for the reason a login failed. */
function spawnMaster(argv: string[]) {
  return execa('ssh', argv, { stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', reject: false });
}

/**
 * The runner's one ControlMaster: an `ssh -M -N` child process whose control socket every
 * command session goes through. Its exit (killed, network gone, `ssh -O exit`) is seen at
 * once; the next command starts a new one. Starts are shared: concurrent commands wait
 * for the same master rather than opening connections of their own.
 */
export class SshMaster {
  #process: ReturnType<typeof spawnMaster> | undefined;
  #starting: Promise<void> | undefined;
  #alive = false;
  /** How many masters were started: each is one TCP connection and one authentication. */
  connections = 0;

  constructor(
    private readonly options: ResolvedSshOptions,
    private readonly controlPath: string,
  ) {}

  /** True while the master process runs and answered `-O check`. */
  get alive(): boolean {
    return this.#alive;
  }

  /** The master process's id, while it runs. */
  get pid(): number | undefined {
    return this.#alive ? this.#process?.pid : undefined;
  }

  /** Resolves once a master is up: the running one, or a new one (`fresh` tells which). Throws `JQ_CONNECTION_FAILED`. */
  async ensure(): Promise<{ fresh: boolean }> {
    if (this.#alive) return { fresh: false };
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    await this.#starting;
    return { fresh: true };
  }

  async #start(): Promise<void> {
    // A master that was killed leaves its socket behind, and ssh will not listen on a path that exists.
    // The directory is this runner's alone, so everything in it is a socket of an earlier master.
    const directory = dirname(this.controlPath);
    for (const entry of readdirSync(directory)) rmSync(join(directory, entry), { force: true });
    const child = spawnMaster(masterArgv(this.options, this.controlPath));
    this.#process = child;
    this.connections += 1;
    let exited = false;
    const ended = child.then((result) => {
      exited = true;
      if (this.#process === child) this.#alive = false;
      return result;
    });
    const deadline = Date.now() + (this.options.connectTimeout + 30) * 1000;
    while (!exited) {
      const check = await execa('ssh', controlArgv(this.options, this.controlPath, 'check'), { reject: false, stdin: 'ignore', timeout: 10_000 });
      if (check.exitCode === 0 && !exited) {
        this.#alive = true;
        return;
      }
      if (Date.now() > deadline) {
        child.kill();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, checkEveryMs));
    }
    const result = await ended;
    throw connectionFailure(this.options, String(result.stderr ?? ''));
  }

  /**
   * After a session lost its connection: asks the master whether it still answers, and
   * if not ends what is left of it, so the next command starts a new one (rather than ssh
   * quietly opening a connection of its own, without the forwards).
   */
  async recheck(): Promise<void> {
    if (!this.#alive) return;
    const check = await execa('ssh', controlArgv(this.options, this.controlPath, 'check'), { reject: false, stdin: 'ignore', timeout: 10_000 });
    if (check.exitCode === 0) return;
    this.#alive = false;
    this.#process?.kill('SIGKILL');
  }

  /** Asks the running master to add a forward; ssh's answer (`-R` with port 0 prints the port it got). */
  async forward(kind: '-R' | '-L', specification: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
    const result = await execa('ssh', controlArgv(this.options, this.controlPath, { forward: [kind, specification] }), { reject: false, stdin: 'ignore', timeout: 30_000 });
    return { ok: result.exitCode === 0, stdout: String(result.stdout).trim(), stderr: String(result.stderr).trim() };
  }

  /** Ends the master (`ssh -O exit`), then its process if it lingers. */
  async exit(): Promise<void> {
    const child = this.#process;
    if (child === undefined) return;
    this.#alive = false;
    if (child.exitCode === null) {
      await execa('ssh', controlArgv(this.options, this.controlPath, 'exit'), { reject: false, stdin: 'ignore', timeout: 10_000 });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await child;
      clearTimeout(timer);
    }
    this.#process = undefined;
  }

  /** At process exit, where nothing asynchronous runs: ends the master synchronously. */
  exitSync(): void {
    const child = this.#process;
    if (child === undefined || child.exitCode !== null) return;
    this.#alive = false;
    execaSync('ssh', controlArgv(this.options, this.controlPath, 'exit'), { reject: false, stdin: 'ignore', timeout: 5_000 });
    child.kill('SIGTERM');
  }
}
