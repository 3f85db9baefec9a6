// Property-based fuzzing of every SGE output parser: whatever qstat, qacct or qsub
// print (random text, recorded output mutated or cut short, any requested ids), a parser
// returns statuses of requested ids only, each valid, or throws a JobQueueError; it
// never crashes with another exception and never hangs.
import { readdirSync } from 'node:fs';
import vm from 'node:vm';
import { type CommandResult, JobQueueError, jobStates, resolveOptions } from '@jq/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSgeAccounting, sgeAccountingCommand } from '../src/sge-accounting.js';
import { parseSgeStatus, sgeStatusCommand } from '../src/sge-status.js';
import { parseSgeSubmit } from '../src/sge-submit.js';
import { sgeBackend, type SgeResolvedOptions } from '../src/index.js';
import { recorded, referenceSample, scenario } from './fixtures.js';

const runs = { seed: 20_261_127, numRuns: 400, endOnFailure: true } as const;

const guard = vm.createContext({ call: (): unknown => undefined });
const invoke = new vm.Script('call()');

/** Runs `call` with a deadline: vm's watchdog stops synchronous JavaScript, so a parser stuck in a loop fails instead of hanging. */
function bounded<T>(call: () => T, milliseconds = 500): T {
  guard.call = call;
  return invoke.runInContext(guard, { timeout: milliseconds }) as T;
}

type Attempt<T> = { value: T } | { refused: JobQueueError } | { problem: string };

/** Calls a parser: its value, its JobQueueError carrying JQ_PARSE_FAILED, or what went wrong instead. */
function attempt<T>(call: () => T): Attempt<T> {
  try {
    return { value: bounded(call) };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { problem: 'did not return within 500 ms' };
    if (JobQueueError.hasCode(error, 'JQ_PARSE_FAILED')) return { refused: error };
    return { problem: `threw ${(error as Error)?.constructor?.name}: ${String((error as Error)?.message ?? error).slice(0, 160)}` };
  }
}

/** What is wrong with a status parser's answer; empty for a valid map or a JobQueueError. */
function problems(run: () => Map<string, unknown>, ids: readonly string[]): string[] {
  const outcome = attempt(run);
  if ('problem' in outcome) return [outcome.problem];
  if ('refused' in outcome) return [];
  if (!(outcome.value instanceof Map)) return ['did not return a Map'];
  const found: string[] = [];
  for (const [id, status] of outcome.value) {
    if (!ids.includes(id)) found.push(`status for an id nobody asked about: ${JSON.stringify(id)}`);
    const { state, native, reason, exitCode } = (status ?? {}) as Record<string, unknown>;
    if (!jobStates.includes(state as never)) found.push(`${id}: state ${JSON.stringify(state)} is not a JobState`);
    if (typeof native !== 'string') found.push(`${id}: native ${JSON.stringify(native)} is not a string`);
    if (reason !== undefined && typeof reason !== 'string') found.push(`${id}: reason ${JSON.stringify(reason)} is not a string`);
    if (exitCode !== undefined && !Number.isFinite(exitCode)) found.push(`${id}: exitCode ${JSON.stringify(exitCode)} is not a number`);
  }
  return found;
}

const result = (stdout: string, exitCode = 0): CommandResult => ({ argv: ['fuzz'], exitCode, stdout, stderr: '', timedOut: false });

// Fragments of real output: XML tags, ids, task lists, state codes, qacct keys and values.
const tokens = [
  '<job_list state="running">', '</job_list>', '<JB_job_number>', '</JB_job_number>', '<state>', '</state>', '<tasks>', '</tasks>',
  '<job_info>', '</job_info>', '<queue_info>', '\n', ' ', '=====', 'jobnumber    ', 'taskid       ', 'failed       ', 'exit_status  ',
  'undefined', '(Killed)', ' : ', '37', '57', '57.3', '1-8:1', '7,8', '1-99999999999:1', '0-0:0', '-', ',', ':', '.',
  'qw', 'hqw', 'Eqw', 'r', 'dr', 't', 'Rq', 's', 'S', 'T', 'z', 'constructor', '__proto__', 'Your job 12 ("x") has been submitted',
];
const fragment = fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 }), fc.nat({ max: 1_000 }).map(String));
const sgeish = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), sgeish);

/** A recorded output after random cuts, deletions, insertions and line shuffles. */
function mutated(texts: string[]): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }),
  );
  return fc.tuple(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) =>
    edits.reduce((current, change) => {
      const at = current.length === 0 ? 0 : change.at % (current.length + 1);
      const lines = current.split('\n');
      const line = change.at % lines.length;
      switch (change.kind) {
        case 'cut': return current.slice(0, at);
        case 'delete': return current.slice(0, at) + current.slice(at + change.length);
        case 'insert': return current.slice(0, at) + change.text + current.slice(at);
        case 'duplicate-line': return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
        case 'drop-line': return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
      }
    }, text),
  );
}

const fixtureNames = readdirSync(new URL('./fixtures/', import.meta.url)).filter((name) => name.endsWith('.json') && name !== 'scenario.json');
const outputsOf = (command: string) =>
  fixtureNames.filter((name) => name.startsWith(command)).flatMap((name) => {
    const fixture = recorded(name.replace(/\.json$/, ''));
    return [fixture.stdout, fixture.stderr].filter((text) => text !== '');
  });
const qstatOutputs = [...outputsOf('qstat-xml'), referenceSample('sge.qstat-xml.geinfo-test.xml')];
const qacctOutputs = [...outputsOf('qacct'), referenceSample('sge-smoke.qacct.txt')];
const qsubOutputs = [...outputsOf('qsub'), referenceSample('sge.qsub.samples.txt')];

const recordedIds = Object.values(scenario).filter((value): value is string => typeof value === 'string' && /^\d+$/.test(value));
const taskIds = Array.from({ length: 9 }, (_, task) => `${scenario.array}.${task}`);
const ids = fc.array(fc.oneof(fc.constantFrom(...recordedIds, ...taskIds), fc.nat({ max: 99 }).map(String), fc.string({ maxLength: 8 })), { maxLength: 20 });

function holds(output: fc.Arbitrary<string>, parse: (result: CommandResult, ids: string[]) => Map<string, unknown>) {
  fc.assert(
    fc.property(output, ids, fc.constantFrom(0, 1), (stdout, requested, exitCode) => {
      expect(problems(() => parse(result(stdout, exitCode), requested), requested)).toEqual([]);
    }),
    runs,
  );
}

const options = sgeBackend.resolveOptions!(resolveOptions({ name: 'fuzz', cores: 1, memory: '1GB' }, sgeBackend)) as SgeResolvedOptions;

describe('sge parsers under fuzzing', () => {
  it('qstat -xml: random text', () => holds(anyText, parseSgeStatus));
  it('qstat -xml: recorded output mutated and truncated', () => holds(mutated(qstatOutputs), parseSgeStatus));
  it('qacct: random text', () => holds(anyText, parseSgeAccounting));
  it('qacct: recorded output mutated and truncated', () => holds(mutated(qacctOutputs), parseSgeAccounting));

  it('qsub: random and mutated output gives ids of SGE shape or JQ_PARSE_FAILED', () => {
    const array = fc.option(fc.record({ count: fc.integer({ min: 1, max: 20 }) }), { nil: undefined });
    fc.assert(
      fc.property(fc.oneof(anyText, mutated(qsubOutputs)), array, (stdout, spec) => {
        const outcome = attempt(() => parseSgeSubmit(result(stdout), spec));
        expect('problem' in outcome ? outcome.problem : '').toBe('');
        if (!('value' in outcome)) return;
        expect(outcome.value).toHaveLength(spec?.count ?? 1);
        for (const id of outcome.value) expect(id).toMatch(spec ? /^\d+\.\d+$/ : /^\d+$/);
      }),
      runs,
    );
  });

  it('status, accounting and cancel commands: any id list gives fixed argv or JQ_PARSE_FAILED, never a smuggled option', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...recordedIds, ...taskIds), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 20 }), (requested) => {
        const outcomes = [
          () => expect(sgeStatusCommand(requested).argv).toEqual(['qstat', '-xml']),
          () => expect(sgeAccountingCommand(requested, options).argv).toEqual(['qacct', '-j', 'jq-worker', '-E', '-d', '1']),
          () => expect(sgeBackend.cancel(requested, options).argv.slice(1).every((id) => /^\d+(?:\.\d+)?$/.test(id))).toBe(true),
        ];
        for (const check of outcomes) {
          try {
            check();
          } catch (error) {
            expect(JobQueueError.hasCode(error, 'JQ_PARSE_FAILED'), String(error)).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  // max_aj_tasks caps SGE arrays at 75 000 by default; a printed range far beyond any
  // limit is garbage, and expanding it task by task would loop for billions of tasks.
  it('a task range wider than any SGE array is tested, not expanded', () => {
    const huge = result(`<job_info><job_info><job_list state="pending"><JB_job_number>57</JB_job_number><state>qw</state><tasks>1-99999999999:1</tasks></job_list></job_info></job_info>`);
    expect(problems(() => parseSgeStatus(huge, ['57.3', '57.99999999999']), ['57.3', '57.99999999999'])).toEqual([]);
    expect([...parseSgeStatus(huge, ['57.3', '57.99999999999']).keys()]).toEqual(['57.3', '57.99999999999']);
  });
});
