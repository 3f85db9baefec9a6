import { type BackendV1, type JobState, type JobStatus, formatWalltime, renderHeader, renderJobScript } from '@jq/core';
import type { BackendFixtures } from '../../src/index.js';
import Type from 'typebox';

const states: Record<string, JobState> = {
  PEND: 'queued', HOLD: 'held', RUN: 'running', CLEAN: 'completing', DONE: 'completed', EXIT: 'failed',
  KILL: 'cancelled', TIME: 'timeout', OOM: 'out-of-memory', PREEMPT: 'preempted',
};

/** A minimal, correct backend for an imaginary system, to prove the suite can be passed. */
export const toyBackend: BackendV1 = {
  specificationVersion: 'v1',
  name: 'toy',
  title: 'Toy',
  packageName: '@jq/toy',
  options: Type.Object({}),
  capabilities: { arrays: false, accounting: false, statusScope: 'ids' },
  render(job, options) {
    const directives = [`-n ${options.jobName}`, `-c ${options.cores}`, `-m ${Math.ceil(options.memory / 2 ** 20)}M`];
    if (options.queue) directives.push(`-q ${options.queue}`);
    if (options.account) directives.push(`-a ${options.account}`);
    if (options.walltime !== undefined) directives.push(`-t ${formatWalltime(options.walltime)}`);
    if (options.logDirectory) directives.push(`-o ${options.logDirectory}`);
    return { script: renderJobScript(options, renderHeader('#TOY', directives, options), job.body) };
  },
  submit: (scriptPath) => ({ argv: ['toy-submit', scriptPath] }),
  parseSubmit(result) {
    const match = /Job (\d+) queued/.exec(result.stdout);
    if (!match?.[1]) throw new Error(`no job id in ${JSON.stringify(result.stdout)}`);
    return [match[1]];
  },
  status: (ids) => ({ argv: ['toy-status', ...ids] }),
  parseStatus(result, ids) {
    const statuses = new Map<string, JobStatus>();
    for (const line of result.stdout.split('\n')) {
      const [id = '', code = '', exit] = line.trim().split(/\s+/);
      if (!ids.includes(id)) continue;
      statuses.set(id, { state: states[code] ?? 'unknown', native: code, ...(exit === undefined ? {} : { exitCode: Number(exit) }) });
    }
    return statuses;
  },
  cancel: (ids) => ({ argv: ['toy-cancel', ...ids] }),
  classifyError: (result) => (/try again/.test(result.stderr) ? 'transient' : 'permanent'),
};

const line = (id: string, code: string, exit?: number) => ({ id, stdout: `${id} ${code}${exit === undefined ? '' : ` ${exit}`}\n7 RUN\n` });

/** The toy system's oracle. */
export const toyFixtures: BackendFixtures = {
  rendering: {
    directivePrefix: '#TOY',
    rendersOptions: ['jobName', 'queue', 'account', 'cores', 'memory', 'walltime', 'logDirectory'],
    cases: [{ options: { cores: 2, memory: '1GiB', walltime: '01:00:00' }, lines: ['#TOY -m 1024M', '#TOY -t 01:00:00'] }],
  },
  submit: [{ stdout: 'Job 12 queued\n', ids: ['12'] }],
  status: {
    queued: line('1', 'PEND'), held: line('1', 'HOLD'), running: line('1', 'RUN'), completing: line('1', 'CLEAN'),
    completed: { ...line('1', 'DONE', 0), jobExitCode: 0 }, failed: { ...line('1', 'EXIT', 2), jobExitCode: 2 },
    cancelled: line('1', 'KILL'), timeout: line('1', 'TIME'), 'out-of-memory': line('1', 'OOM'), preempted: line('1', 'PREEMPT'),
  },
  unknownState: line('1', 'WEIRD'),
  absentId: '999',
  errors: { transient: [{ stdout: '', stderr: 'server busy, try again' }], permanent: [{ stdout: '', stderr: 'no such queue' }] },
};
