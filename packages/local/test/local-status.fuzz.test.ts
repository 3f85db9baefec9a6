// Property-based fuzzing of the local backend's parsers: `jq-local status` lines (one JSON
// object per job) and `jq-local submit` output. Whatever the launcher printed (random
// text, its real lines mutated or cut short, JSON of any shape, any requested ids), a
// parser returns valid statuses of requested ids only, or refuses with a JobQueueError;
// it never crashes and never hangs.
import type { CommandResult } from '@jq/core';
import { probeParser, statusMapProblems } from '@jq/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localBackend, parseLocalStatus } from '../src/index.js';

const runs = { seed: 20_260_803, numRuns: 400 } as const;

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
        expect(statusMapProblems(() => parseLocalStatus(result(stdout), requested), requested)).toEqual([]);
      }),
      runs,
    );
  });

  it('skips a line that is JSON but not an object (null, a number, a list)', () => {
    for (const line of ['null', '5', '[]', '"102"']) {
      expect(statusMapProblems(() => parseLocalStatus(result(`${line}\n${printedLines[1]}`), ['102']), ['102'])).toEqual([]);
    }
  });
});

describe('jq-local submit parser under fuzzing', () => {
  it('gives one process id or refuses with a typed JobQueueError', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.nat().map((pid) => `${pid}\n`)), (stdout) => {
        const outcome = probeParser(() => localBackend.parseSubmit(result(stdout)));
        if ('problem' in outcome) expect.fail(outcome.problem);
        if ('refused' in outcome) return;
        expect(outcome.value).toEqual([expect.stringMatching(/^\d+$/)]);
      }),
      runs,
    );
  });
});
