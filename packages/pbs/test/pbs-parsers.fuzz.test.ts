// Property-based fuzzing of the PBS parsers (PBS Pro `qstat -x -f -F json`, Torque and
// PBS Pro `qstat -f` text, qsub): random text, recorded output mutated or cut short,
// JSON of the right and the wrong shape, any requested ids. A parser returns statuses
// of requested ids only, each valid, or refuses with a JobQueueError (JQ_PARSE_FAILED);
// it never crashes and never hangs.
import { statusMapProblems } from '@jq/core/testing';
import { fuzzResult as result, outputFuzz, statusParserHolds, submitParserHolds } from '@jq/testkit/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePbsProStatus, parsePbsSubmit, parseTorqueStatus } from '../src/index.js';
import { derivedProJson, recorded, torqueRecord } from './fixtures/pbs-fixtures.js';

const seed = 20_260_802;

// Fragments of real output, plus keys an object lookup must not mistake for states.
const { anyText, mutated } = outputFuzz([
  '\n', '\t', '    ', ' = ', '=', '.', '[', ']', '[]', '{', '}', '"', ':', ',', 'Job Id: ', 'job_state', 'Exit_status', 'exit_status',
  'substate', 'comment', '"Jobs"', '"pbs_server"', '"Job_Name"', '"job_state": "', '12.localhost', '40.pbs', '7[3].server', '-29',
  '91', '271', '265', 'Q', 'R', 'F', 'X', 'C', 'E', 'H', 'S', 'B', 'W', 'constructor', '__proto__', 'toString', 'null', 'true',
]);

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
      it(`${flavor}, ${kind}: valid statuses of requested ids or a typed refusal, no crash, no hang`, () => {
        statusParserHolds(input, ids, parse, seed);
      });
    }
  }

  // A state code is looked up in a table: inherited keys must not count as codes.
  it.each(['constructor', '__proto__', 'toString'])('reads a job_state of %j as unknown', (state) => {
    const json = JSON.stringify({ pbs_server: 'pbs', Jobs: { '1.pbs': { Job_Name: 'w', job_state: state } } });
    expect(statusMapProblems(() => parsePbsProStatus(result(json), ['1.pbs']), ['1.pbs'])).toEqual([]);
    expect(parsePbsProStatus(result(json), ['1.pbs']).get('1.pbs')?.state).toBe('unknown');
    expect(statusMapProblems(() => parseTorqueStatus(result(`Job Id: 1.pbs\n    job_state = ${state}\n`), ['1.pbs']), ['1.pbs'])).toEqual([]);
  });
});

describe('qsub parser under fuzzing', () => {
  it('gives one PBS-shaped id per task, or a typed refusal; no crash, no hang', () => {
    submitParserHolds(fc.oneof(anyText, mutated(qsubOutputs)), parsePbsSubmit, { single: /^\d+(?:\.[\w-]+)*$/, task: /^\d+\[\d+\](?:\.[\w-]+)*$/ }, seed);
  });
});
