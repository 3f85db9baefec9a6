import type { Command, CommandResult } from '@jq/core';

/**
 * Answers sbatch, squeue, scancel and sacct the way Slurm 22.05 prints them
 * (`sbatch --parsable`, `squeue --format=%i|%t|%r`), from memory: a recorded-output
 * emulator for thousands of jobs, which no real queue here could hold. Every array
 * task it handed out is shown RUNNING, the case with the most lines to parse.
 * Answers are built once per distinct command line, so the benchmark measures the
 * cluster's side, not this stand-in.
 */
export class SlurmAnsweringMachine {
  #nextId = 700_000;
  readonly #answers = new Map<string, string>();
  /** Task count of each array handed out, so that squeue asked about `123` lists `123_0` … like `--array` does. */
  readonly #arrayTasks = new Map<string, number>();

  /** A `RecordingCommandRunner` responder. */
  readonly respond = (command: Command): CommandResult | undefined => {
    const [program] = command.argv;
    if (program === 'sbatch') return this.#result(command, `${this.#sbatch(command.argv)};jqcluster\n`);
    if (program === 'squeue') return this.#result(command, this.#squeue(command.argv));
    if (program === 'scancel' || program === 'sacct') return this.#result(command, '');
    return undefined;
  };

  #squeue(argv: string[]): string {
    const jobs = argv.find((argument) => argument.startsWith('--jobs='))?.slice('--jobs='.length) ?? '';
    let answer = this.#answers.get(jobs);
    if (answer === undefined) {
      answer = [...new Set(jobs.split(','))].flatMap((id) => this.#tasksOf(id)).map((id) => `${id}|R|None\n`).join('');
      this.#answers.set(jobs, answer);
    }
    return answer;
  }

  #sbatch(argv: string[]): string {
    const id = String(this.#nextId++);
    const range = /^--array=0-(\d+)$/.exec(argv.find((argument) => argument.startsWith('--array=')) ?? '');
    if (range) this.#arrayTasks.set(id, Number(range[1]) + 1);
    return id;
  }

  #tasksOf(id: string): string[] {
    const count = this.#arrayTasks.get(id);
    return count === undefined ? [id] : Array.from({ length: count }, (_, task) => `${id}_${task}`);
  }

  #result(command: Command, stdout: string): CommandResult {
    return { argv: command.argv, exitCode: 0, stdout, stderr: '', timedOut: false };
  }
}
