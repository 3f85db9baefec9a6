// Property-based fuzzing of the PBS parsers (PBS Pro `qstat -x -f -F json`, Torque and
// PBS Pro `qstat -f` text, qsub): random text, recorded output mutated or cut short,
// JSON of the right and the wrong shape, any requested ids. A parser returns statuses
// of requested ids only, each valid, or refuses with a JobQueueError (JQ_PARSE_FAILED);
// it never crashes and never hangs.
import vm from 'node:vm';
import { type CommandResult, JobQueueError, jobStates } from '@jq/core';
import { mutatedOutput } from '@jq/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePbsProStatus, parsePbsSubmit, parseTorqueStatus } from '../src/index.js';
import { derivedProJson, recorded, torqueRecord } from './fixtures/pbs-fixtures.js';

const runs = { seed: 20_260_802, numRuns: 400 } as const;

const guard = vm.createContext({ call: (): unknown => undefined });
const invoke = new vm.Script('call()');

/** vm's watchdog stops synchronous JavaScript: a looping parser fails instead of hanging the suite. */
function bounded<T>(call: () => T, milliseconds = 500): T {
  guard.call = call;
  return invoke.runInContext(guard, { timeout: milliseconds }) as T;
}

type Attempt<T> = { value: T } | { error: unknown } | { hang: true };

function attempt<T>(call: () => T): Attempt<T> {
  try {
    return { value: bounded(call) };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { hang: true };
    return { error };
  }
}

const describeError = (error: unknown) => `${(error as Error)?.constructor?.name}: ${String((error as Error)?.message ?? error).slice(0, 160)}`;
/** Programming errors, as opposed to a deliberate refusal of the input. */
const isCrash = (error: unknown) => !(error instanceof Error) || error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError;

function statusProblems(value: unknown, ids: readonly string[]): string[] {
  if (!(value instanceof Map)) return ['did not return a Map'];
  const found: string[] = [];
  for (const [id, status] of value as Map<string, Record<string, unknown>>) {
    if (!ids.includes(id)) found.push(`status for an id nobody asked about: ${JSON.stringify(id)}`);
    if (!jobStates.includes(status?.state as never)) found.push(`${id}: state ${JSON.stringify(status?.state)} is not a JobState (native ${JSON.stringify(status?.native)})`);
    if (typeof status?.native !== 'string') found.push(`${id}: native is not a string`);
    if (status?.reason !== undefined && typeof status.reason !== 'string') found.push(`${id}: reason is not a string`);
    if (status?.exitCode !== undefined && !Number.isFinite(status.exitCode)) found.push(`${id}: exitCode ${JSON.stringify(status.exitCode)} is not a number`);
  }
  return found;
}

/** No hang, no crash, and a valid map whenever it returns. */
function crashProblems(outcome: Attempt<unknown>, ids: readonly string[]): string[] {
  if ('hang' in outcome) return ['did not return within 500 ms'];
  if ('error' in outcome) return isCrash(outcome.error) ? [`crashed with ${describeError(outcome.error)}`] : [];
  return statusProblems(outcome.value, ids);
}

/** A refusal is a JobQueueError with JQ_PARSE_FAILED, so callers can tell it from a bug. */
function typedRefusal(outcome: Attempt<unknown>): string[] {
  if ('error' in outcome && !JobQueueError.hasCode(outcome.error, 'JQ_PARSE_FAILED')) return [`refused with an untyped ${describeError(outcome.error)}`];
  return [];
}

const result = (stdout: string, exitCode = 0): CommandResult => ({ argv: ['fuzz'], exitCode, stdout, stderr: '', timedOut: false });

// Fragments of real output, plus keys an object lookup must not mistake for states.
const tokens = [
  '\n', '\t', '    ', ' = ', '=', '.', '[', ']', '[]', '{', '}', '"', ':', ',', 'Job Id: ', 'job_state', 'Exit_status', 'exit_status',
  'substate', 'comment', '"Jobs"', '"pbs_server"', '"Job_Name"', '"job_state": "', '12.localhost', '40.pbs', '7[3].server', '-29',
  '91', '271', 'Q', 'R', 'F', 'X', 'C', 'E', 'H', 'S', 'B', 'constructor', '__proto__', 'toString', 'null', 'true',
];
const fragment = fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 }), fc.integer({ min: -300, max: 300 }).map(String));
const pbsish = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), pbsish);

const mutated = (texts: string[]) => mutatedOutput(texts, fragment);

const jsonOutputs = [recorded.proJson, derivedProJson('7[3].server', { job_state: 'R' }, ['Exit_status']), derivedProJson('8.server', { job_state: 'F', substate: 91, Exit_status: 271 })];
const textOutputs = [recorded.proTextGrep, recorded.torqueTextGrep, torqueRecord('12.head.example.org', 'C', 0) + torqueRecord('13.head', 'R')];
const qsubOutputs = recorded.qsubSamples.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

// Well-formed JSON of every shape: the right structure with wrong field types, and
// values that are not qstat documents at all.
const anyJsonValue = fc.jsonValue({ maxDepth: 3 });
const jobRecord = fc.record(
  {
    Job_Name: fc.string({ maxLength: 5 }),
    job_state: fc.oneof(fc.constantFrom('Q', 'R', 'F', 'X', 'E', 'H', 'B', 'constructor', '__proto__', 'valueOf'), anyJsonValue),
    Exit_status: fc.oneof(fc.integer({ min: -300, max: 300 }), anyJsonValue),
    substate: fc.oneof(fc.constantFrom(42, 91, 92), anyJsonValue),
    comment: anyJsonValue,
  },
  { requiredKeys: [] },
);
const qstatJson = fc
  .oneof(
    fc.record({ pbs_server: fc.constant('pbs'), Jobs: fc.dictionary(fc.constantFrom('40.pbs', '7[3].server', '8.server', 'x'), jobRecord, { maxKeys: 3 }) }),
    fc.record({ Jobs: anyJsonValue }),
    anyJsonValue,
  )
  .map((document) => JSON.stringify(document));

const knownIds = ['40.pbs', '40', '40.pbs.example.org', '7[3].server', '7[3]', '8.server', '12.localhost', '13', '17.localhost'];
const ids = fc.array(fc.oneof(fc.constantFrom(...knownIds), fc.string({ maxLength: 8 })), { maxLength: 12 });

const parsers = { 'PBS Pro': parsePbsProStatus, Torque: parseTorqueStatus } as const;
const inputs = {
  'random text': anyText,
  'mutated qstat JSON': mutated(jsonOutputs),
  'qstat JSON of any shape': qstatJson,
  'mutated qstat -f text': mutated(textOutputs),
};

describe('PBS status parsers under fuzzing', () => {
  for (const [flavor, parse] of Object.entries(parsers)) {
    for (const [kind, input] of Object.entries(inputs)) {
      it(`${flavor}, ${kind}: valid statuses or a refusal, no crash, no hang`, () => {
        fc.assert(
          fc.property(input, ids, fc.constantFrom(0, 153), (stdout, requested, exitCode) => {
            expect(crashProblems(attempt(() => parse(result(stdout, exitCode), requested)), requested)).toEqual([]);
          }),
          runs,
        );
      });
    }
    it(`${flavor}: refuses unreadable output with a typed JobQueueError`, () => {
      fc.assert(
        fc.property(fc.oneof(anyText, qstatJson), ids, (stdout, requested) => {
          expect(typedRefusal(attempt(() => parse(result(stdout), requested)))).toEqual([]);
        }),
        runs,
      );
    });
  }

  // A state code is looked up in a plain object: inherited keys must not count as codes.
  it.each(['constructor', '__proto__', 'toString'])('reads a job_state of %j as unknown', (state) => {
    const json = JSON.stringify({ pbs_server: 'pbs', Jobs: { '1.pbs': { Job_Name: 'w', job_state: state } } });
    expect(statusProblems(parsePbsProStatus(result(json), ['1.pbs']), ['1.pbs'])).toEqual([]);
    expect(statusProblems(parseTorqueStatus(result(`Job Id: 1.pbs\n    job_state = ${state}\n`), ['1.pbs']), ['1.pbs'])).toEqual([]);
  });
});

describe('qsub parser under fuzzing', () => {
  const array = fc.option(fc.record({ count: fc.integer({ min: 1, max: 20 }) }), { nil: undefined });
  const output = fc.oneof(anyText, mutated(qsubOutputs));

  it('gives one PBS-shaped id per task, or refuses; no crash, no hang', () => {
    fc.assert(
      fc.property(output, array, (stdout, spec) => {
        const outcome = attempt(() => parsePbsSubmit(result(stdout), spec));
        if ('hang' in outcome) expect.fail('did not return within 500 ms');
        if ('error' in outcome) return void expect(isCrash(outcome.error), describeError(outcome.error)).toBe(false);
        expect(outcome.value).toHaveLength(spec?.count ?? 1);
        for (const id of outcome.value) expect(id).toMatch(spec ? /^\d+\[\d+\](?:\.[\w-]+)*$/ : /^\d+(?:\.[\w-]+)*$/);
      }),
      runs,
    );
  });

  it('refuses unreadable qsub output with a typed JobQueueError', () => {
    fc.assert(
      fc.property(output, array, (stdout, spec) => {
        expect(typedRefusal(attempt(() => parsePbsSubmit(result(stdout), spec)))).toEqual([]);
      }),
      runs,
    );
  });
});
