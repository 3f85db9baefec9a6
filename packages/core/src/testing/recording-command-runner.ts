import type { Command, CommandResult } from '../contracts/backend-v1.js';
import { type CommandRunner, ExecaCommandRunner, type RunOptions } from '../command/command-runner.js';

/** A scripted answer: return this result instead of running the command; undefined (or a promise of it) lets the next responder, or the real run, answer. */
export type CommandResponder = (command: Command) => CommandResult | Promise<CommandResult | undefined> | undefined;

/**
 * Runs commands for real (or through a responder, for recorded outputs) and
 * records each argv, so tests can count status commands per poll.
 */
export class RecordingCommandRunner implements CommandRunner {
  readonly calls: Command[] = [];
  #responders: CommandResponder[] = [];

  constructor(private readonly inner: CommandRunner = new ExecaCommandRunner()) {}

  /** Answers matching commands from `responder` (first responder returning a result wins). */
  respond(responder: CommandResponder): this {
    this.#responders.push(responder);
    return this;
  }

  /** Calls whose program (argv[0]) or any argument equals `word`. */
  callsWith(word: string): Command[] {
    return this.calls.filter((command) => command.argv.includes(word));
  }

  async run(command: Command, options: RunOptions): Promise<CommandResult> {
    this.calls.push(command);
    for (const responder of this.#responders) {
      const answer = await responder(command);
      if (answer) return answer;
    }
    return this.inner.run(command, options);
  }

  /** The blocking run (process exit): only responders that answer synchronously apply. */
  runSync(command: Command, options: RunOptions): CommandResult {
    this.calls.push(command);
    for (const responder of this.#responders) {
      const answer = responder(command);
      if (answer && !(answer instanceof Promise)) return answer;
    }
    if (!this.inner.runSync) throw new TypeError('the wrapped runner cannot run commands synchronously');
    return this.inner.runSync(command, options);
  }
}
