import { type BackendV1, type Command, type CommandResult, type JobState, type JobStatus, formatWalltime, renderHeader, renderJobScript } from '../../src/index.js';
import Type from 'typebox';

const fakeOptions = Type.Object({ /** Partition to submit to. */ partition: Type.Optional(Type.String()) }, { additionalProperties: false });

const codes: Record<string, JobState> = { PD: 'queued', H: 'held', R: 'running', CG: 'completing', CD: 'completed', F: 'failed', CA: 'cancelled', TO: 'timeout' };

/**
 * A small batch system's command-line format, for core's cluster tests: `fsub` prints
 * one id per line, `fstat` prints `id CODE [reason]` for jobs still queued or running,
 * `facct` prints `id CODE exit` for jobs that ended, `fdel` cancels.
 */
export const fakeBackend: BackendV1<typeof fakeOptions> = {
  specificationVersion: 'v1',
  name: 'fake',
  title: 'Fake',
  packageName: '@jq/fake',
  options: fakeOptions,
  capabilities: { arrays: true, accounting: true, statusScope: 'ids' },
  arrayIndexVariable: 'FAKE_ARRAY_INDEX',
  render(job, options) {
    const directives = [`-n ${options.jobName}`, `-c ${options.cores}`, ...(options.walltime ? [`-t ${formatWalltime(options.walltime)}`] : [])];
    if (options.partition) directives.push(`-p ${options.partition}`);
    return { script: renderJobScript(options, renderHeader('#FAKE', directives, options), job.body) };
  },
  submit: (scriptPath, _options, array) => ({ argv: ['fsub', scriptPath, ...(array ? ['--array', String(array.count)] : [])] }),
  parseSubmit: (result) => result.stdout.trim().split('\n').filter(Boolean),
  status: (ids) => ({ argv: ['fstat', ...ids] }),
  parseStatus: (result, ids) => parseLines(result, ids),
  accounting: (ids) => ({ argv: ['facct', ...ids] }),
  parseAccounting: (result, ids) => parseLines(result, ids),
  cancel: (ids) => ({ argv: ['fdel', ...ids] }),
  classifyError: (result) => (/busy/.test(result.stderr) ? 'transient' : 'permanent'),
};

function parseLines(result: CommandResult, ids: string[]): Map<string, JobStatus> {
  const statuses = new Map<string, JobStatus>();
  for (const line of result.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const [id = '', code = '', detail] = line.trim().split(/\s+/);
    if (code === '') throw new Error(`garbled line ${JSON.stringify(line)}`);
    if (!ids.includes(id)) continue;
    const exit = detail !== undefined && /^\d+$/.test(detail) ? Number(detail) : undefined;
    statuses.set(id, { state: codes[code] ?? 'unknown', native: code, ...(exit === undefined ? {} : { exitCode: exit }), ...(detail && exit === undefined ? { reason: detail } : {}) });
  }
  return statuses;
}

interface FakeJob {
  code: string;
  reason?: string;
  exit?: number;
  /** In accounting only (left the queue). */
  ended: boolean;
}

/** A planned failure of the next call(s) to a program. */
interface Fault {
  program: string;
  result: Partial<CommandResult>;
  times: number;
}

/**
 * The batch system behind {@link fakeBackend}: stateful, answering the runner in place
 * of real processes (the process boundary), with helpers to move jobs and inject faults.
 */
export class FakeBatchSystem {
  readonly jobs = new Map<string, FakeJob>();
  readonly #faults: Fault[] = [];
  #nextId = 100;

  /** The responder to give a `RecordingCommandRunner`. */
  readonly respond = (command: Command): CommandResult | undefined => {
    const [program = '', ...args] = command.argv;
    const fault = this.#faults.find((candidate) => candidate.program === program && candidate.times > 0);
    if (fault) {
      fault.times -= 1;
      return { argv: command.argv, exitCode: 1, stdout: '', stderr: '', timedOut: false, ...fault.result };
    }
    const ok = (stdout: string): CommandResult => ({ argv: command.argv, exitCode: 0, stdout, stderr: '', timedOut: false });
    switch (program) {
      case 'fsub': {
        const count = args[1] === '--array' ? Number(args[2]) : 1;
        const ids = Array.from({ length: count }, () => String(this.#nextId++));
        for (const id of ids) this.jobs.set(id, { code: 'PD', reason: 'Priority', ended: false });
        return ok(`${ids.join('\n')}\n`);
      }
      case 'fstat':
        return ok(args.flatMap((id) => { const job = this.jobs.get(id); return job && !job.ended ? [`${id} ${job.code}${job.reason ? ` ${job.reason}` : ''}`] : []; }).join('\n'));
      case 'facct':
        return ok(args.flatMap((id) => { const job = this.jobs.get(id); return job?.ended ? [`${id} ${job.code} ${job.exit ?? 0}`] : []; }).join('\n'));
      case 'fdel':
        for (const id of args) this.end(id, 'CA', 0);
        return ok('');
      default:
        return undefined;
    }
  };

  /** Fails the next `times` calls of `program` with `result` (exit 1 by default). */
  fail(program: string, result: Partial<CommandResult>, times = 1): this {
    this.#faults.push({ program, result, times });
    return this;
  }

  /** Sets a queued or running job's code and reason. */
  set(id: string, code: string, reason?: string): void {
    const job = this.#job(id);
    job.code = code;
    if (reason === undefined) delete job.reason;
    else job.reason = reason;
  }

  /** Ends a job: it leaves the queue and accounting reports `code` and `exit`. */
  end(id: string, code: string, exit: number): void {
    Object.assign(this.#job(id), { code, exit, ended: true });
  }

  /** Removes every trace of a job, as if the batch system lost it. */
  vanish(id: string): void {
    this.jobs.delete(id);
  }

  /** Ids of jobs still queued or running. */
  live(): string[] {
    return [...this.jobs].filter(([, job]) => !job.ended).map(([id]) => id);
  }

  #job(id: string): FakeJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no fake job ${id}`);
    return job;
  }
}
