import type { Command, CommandResult } from '../contracts/backend-v1.js';
import { type Clock, sleep } from '../util/clock.js';
import { type CommandRunner, makeDirectoryWith, type RunOptions } from './command-runner.js';

/**
 * Shares one budget of batch commands per second between submit, status and cancel,
 * so a busy cluster never floods a site's controller: a token bucket that holds up to
 * one second's worth of commands and refills continuously.
 */
export class RateLimitedRunner implements CommandRunner {
  #tokens: number;
  #updatedAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: CommandRunner,
    private readonly clock: Clock,
    private readonly perSecond: number,
  ) {
    this.#tokens = perSecond;
    this.#updatedAt = clock.now();
  }

  run(command: Command, options: RunOptions): Promise<CommandResult> {
    const turn = this.#queue.then(() => this.#take());
    this.#queue = turn;
    return turn.then(() => this.inner.run(command, options));
  }

  /** Where the wrapped runner runs commands, outside the budget: not a batch command. */
  makeDirectory(path: string): Promise<void> {
    return makeDirectoryWith(this.inner, path);
  }

  /**
   * At process exit nothing can wait for a token asynchronously, so the blocking run
   * spends one (going into debt if it must): the budget still counts it, and a site
   * sees at most one extra command.
   */
  runSync(command: Command, options: RunOptions): CommandResult {
    if (!this.inner.runSync) throw new TypeError('the wrapped runner cannot run commands synchronously');
    this.#refill();
    this.#tokens -= 1;
    return this.inner.runSync(command, options);
  }

  #refill(): void {
    const now = this.clock.now();
    this.#tokens = Math.min(this.perSecond, this.#tokens + ((now - this.#updatedAt) / 1000) * this.perSecond);
    this.#updatedAt = now;
  }

  async #take(): Promise<void> {
    this.#refill();
    if (this.#tokens < 1) {
      await sleep(this.clock, Math.ceil(((1 - this.#tokens) / this.perSecond) * 1000));
      this.#tokens = 1;
      this.#updatedAt = this.clock.now();
    }
    this.#tokens -= 1;
  }
}
