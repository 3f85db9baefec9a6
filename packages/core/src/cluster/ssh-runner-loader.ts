import { type CommandRunner, ExecaCommandRunner, type RunnerConnection, type RunOptions } from '../command/command-runner.js';
import type { Command, CommandResult } from '../contracts/backend-v1.js';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import type { SshSetting } from '../options/ssh-option.js';
import { importPackage, type ModuleTable } from './module-loader.js';

/** The npm name of the package that runs batch commands over SSH. */
export const sshPackageName = '@jq/ssh';

/** What core needs of `@jq/ssh`'s runner. */
type SshRunnerClass = new (setting: SshSetting) => CommandRunner;

/**
 * Imports `@jq/ssh` by name (from `modules` when given, else as the user's project would)
 * and returns its runner class. Core never imports it statically: `@jq/ssh` depends on core,
 * so a static import would be a cycle, and every user without SSH would have to install it.
 */
export async function loadSshRunnerClass(modules: ModuleTable = {}): Promise<SshRunnerClass> {
  let module: Record<string, unknown>;
  try {
    module = await importPackage(sshPackageName, modules);
  } catch (error) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} the ssh option needs ${sshPackageName}, which is not installed here: run \`npm i ${sshPackageName}\` in this project (${(error as Error).message})`, { cause: error });
  }
  const runnerClass = module.SshCommandRunner;
  if (typeof runnerClass !== 'function') throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} ${sshPackageName} exports no SshCommandRunner: install a version that matches @jq/core`);
  return runnerClass as SshRunnerClass;
}

/**
 * The runner a cluster uses: the one the caller passed, else an SSH runner when the
 * options say `ssh`, else undefined (commands run on this machine).
 */
export function chooseRunner(options: { ssh?: SshSetting | undefined }, given?: CommandRunner, modules?: ModuleTable): CommandRunner | undefined {
  if (given !== undefined || options.ssh === undefined) return given;
  return new DeferredSshRunner(options.ssh, modules);
}

/**
 * `@jq/ssh`'s runner, created on first use: the import is asynchronous and a cluster is
 * built synchronously. `connect` (the cluster's start) or the first command loads it; a
 * missing package fails that call with the install command, before anything is submitted.
 */
export class DeferredSshRunner implements CommandRunner {
  #runner: Promise<CommandRunner> | undefined;
  #loaded: CommandRunner | undefined;

  constructor(
    /** Where to log in, as the options gave it. */
    readonly setting: SshSetting,
    private readonly modules: ModuleTable = {},
  ) {}

  /** Logs in and tunnels the scheduler (see `SshCommandRunner.connect`). */
  async connect(scheduler: { address: string }): Promise<RunnerConnection> {
    const runner = await this.#load();
    return runner.connect ? runner.connect(scheduler) : {};
  }

  /** Runs `command` on the login node. */
  async run(command: Command, options: RunOptions): Promise<CommandResult> {
    return (await this.#load()).run(command, options);
  }

  /** Creates `path` on the login node. */
  async makeDirectory(path: string): Promise<void> {
    const runner = await this.#load();
    if (runner.makeDirectory) await runner.makeDirectory(path);
  }

  /** Forwards a port here to `address` as the login node dials it (see `SshCommandRunner.forward`). */
  async forward(address: string): Promise<string> {
    const runner = await this.#load();
    if (!runner.forward) throw new JobQueueError('JQ_CONFIG_INVALID', `${corePrefix} this ${sshPackageName} cannot forward a port: install a version that matches @jq/core`);
    return runner.forward(address);
  }

  /** At process exit: blocking, so only once the runner exists (a cluster that never ran a command has nothing to cancel). */
  runSync(command: Command, options: RunOptions): CommandResult {
    if (this.#loaded?.runSync) return this.#loaded.runSync(command, options);
    return { argv: command.argv, exitCode: undefined, stdout: '', stderr: `${corePrefix} the SSH runner was never started`, timedOut: false };
  }

  /** Ends the SSH connection, if one was made. */
  async close(): Promise<void> {
    const runner = await this.#runner?.catch(() => undefined);
    await runner?.close?.();
  }

  #load(): Promise<CommandRunner> {
    this.#runner ??= loadSshRunnerClass(this.modules).then((RunnerClass) => (this.#loaded = new RunnerClass(this.setting)));
    this.#runner.catch(() => (this.#runner = undefined));
    return this.#runner;
  }
}

/**
 * Runs `use` with the runner {@link chooseRunner} picks (this machine's when neither is
 * set), then ends a connection it made itself: for one-off work such as `down`.
 */
export async function withChosenRunner<T>(options: { ssh?: SshSetting | undefined }, given: CommandRunner | undefined, modules: ModuleTable | undefined, use: (runner: CommandRunner) => Promise<T>): Promise<T> {
  const chosen = chooseRunner(options, given, modules);
  try {
    return await use(chosen ?? new ExecaCommandRunner());
  } finally {
    if (chosen !== given) await chosen?.close?.();
  }
}
