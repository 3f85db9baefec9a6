// Property-based fuzzing of the local backend's parsers: `jq-local status` lines (one JSON
// object per job) and `jq-local submit` output. Whatever the launcher printed (random
// text, its real lines mutated or cut short, JSON of any shape, any requested ids), a
// parser returns valid statuses of requested ids only, or refuses with a JobQueueError;
// it never crashes and never hangs.
import vm from 'node:vm';
import { type CommandResult, JobQueueError, jobStates } from '@jq/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localBackend, parseLocalStatus } from '../src/index.js';

const runs = { seed: 20_260_803, numRuns: 400 } as const;

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

/** Empty when the parser returned valid statuses of requested ids or refused with JQ_PARSE_FAILED. */
function problems(outcome: Attempt<Map<string, unknown>>, ids: readonly string[]): string[] {
  if ('hang' in outcome) return ['did not return within 500 ms'];
  if ('error' in outcome) return JobQueueError.hasCode(outcome.error, 'JQ_PARSE_FAILED') ? [] : [`threw ${describeError(outcome.error)}`];
  const found: string[] = [];
  for (const [id, status] of outcome.value as Map<string, Record<string, unknown>>) {
    if (!ids.includes(id)) found.push(`status for an id nobody asked about: ${JSON.stringify(id)}`);
    if (!jobStates.includes(status.state as never)) found.push(`${id}: state ${JSON.stringify(status.state)} is not a JobState`);
    if (typeof status.native !== 'string') found.push(`${id}: native ${JSON.stringify(status.native)} is not a string`);
    if (status.reason !== undefined && typeof status.reason !== 'string') found.push(`${id}: reason ${JSON.stringify(status.reason)} is not a string`);
    if (status.exitCode !== undefined && !Number.isFinite(status.exitCode)) found.push(`${id}: exitCode ${JSON.stringify(status.exitCode)} is not a number`);
  }
  return found;
}

const result = (stdout: string): CommandResult => ({ argv: ['fuzz'], exitCode: 0, stdout, stderr: '', timedOut: false });

// Lines as bin/jq-local.mjs prints them, for each way a job can be.
const printedLines = [
  '{"id":"101","state":"queued","reason":"all 2 slots busy"}',
  '{"id":"102","state":"running"}',
  '{"id":"103","state":"exited","exitCode":0,"signal":null,"cancelled":false}',
  '{"id":"104","state":"exited","exitCode":143,"signal":"SIGTERM","cancelled":true}',
  '{"id":"105","state":"exited","exitCode":127,"signal":null,"cancelled":false,"error":"spawn bash ENOENT"}',
  '{"id":"106","state":"exited","exitCode":3,"signal":null,"cancelled":false}',
];
const printedIds = ['101', '102', '103', '104', '105', '106'];
const tokens = ['{', '}', '"', ':', ',', '\n', 'null', 'true', '[]', '"id"', '"state"', '"exited"', '"exitCode"', '"signal"', '"error"', '"reason"', '101', '-1', '1e400'];
const fragment = fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 }));

const mutatedLines = fc
  .tuple(
    fc.array(fc.constantFrom(...printedLines), { minLength: 1, maxLength: 6 }),
    fc.array(fc.record({ at: fc.nat(), cut: fc.boolean(), text: fragment }), { maxLength: 6 }),
  )
  .map(([lines, edits]) =>
    edits.reduce((text, edit) => {
      const at = edit.at % (text.length + 1);
      return edit.cut ? text.slice(0, at) + text.slice(at + 3) : text.slice(0, at) + edit.text + text.slice(at);
    }, lines.join('\n')),
  );

// Each line any JSON value, or an object with the launcher's keys holding values of any type.
const field = fc.jsonValue({ maxDepth: 2 });
const statusObject = fc.record(
  { id: fc.oneof(fc.constantFrom(...printedIds), field), state: fc.oneof(fc.constantFrom('queued', 'running', 'exited'), field), reason: field, exitCode: field, signal: field, cancelled: field, error: field },
  { requiredKeys: ['id'] },
);
const toLines = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join('\n');
const jsonLines = fc.array(fc.oneof(field, statusObject), { maxLength: 6 }).map(toLines);
const objectLines = fc.array(statusObject, { maxLength: 6 }).map(toLines);

const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));
const ids = fc.array(fc.oneof(fc.constantFrom(...printedIds), fc.string({ maxLength: 6 })), { maxLength: 10 });

describe('jq-local status parser under fuzzing', () => {
  it.each([
    ['random text', anyText],
    ['real lines mutated and cut', mutatedLines],
    ['JSON lines of any shape', jsonLines],
    ['status objects whose fields have any type', objectLines],
  ] as const)('%s: valid statuses of requested ids, no crash, no hang', (_kind, output) => {
    fc.assert(
      fc.property(output, ids, (stdout, requested) => {
        expect(problems(attempt(() => parseLocalStatus(result(stdout), requested)), requested)).toEqual([]);
      }),
      runs,
    );
  });

  it('skips a line that is JSON but not an object (null, a number, a list)', () => {
    for (const line of ['null', '5', '[]', '"102"']) {
      expect(problems(attempt(() => parseLocalStatus(result(`${line}\n${printedLines[1]}`), ['102'])), ['102'])).toEqual([]);
    }
  });
});

describe('jq-local submit parser under fuzzing', () => {
  it('gives one process id or refuses with a typed JobQueueError', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.nat().map((pid) => `${pid}\n`)), (stdout) => {
        const outcome = attempt(() => localBackend.parseSubmit(result(stdout)));
        if ('hang' in outcome) expect.fail('did not return within 500 ms');
        if ('error' in outcome) return void expect(JobQueueError.hasCode(outcome.error, 'JQ_PARSE_FAILED'), describeError(outcome.error)).toBe(true);
        expect(outcome.value).toEqual([expect.stringMatching(/^\d+$/)]);
      }),
      runs,
    );
  });
});
