// Property-based fuzzing of every SGE output parser: whatever qstat, qacct or qsub
// print (random text, recorded output mutated or cut short, any requested ids), a parser
// returns statuses of requested ids only, each valid, or throws a JobQueueError; it
// never crashes with another exception and never hangs.
import { JobQueueError, resolveOptions } from '@jq/core';
import { statusMapProblems } from '@jq/core/testing';
import { recordedOutputs } from '@jq/testkit';
import { fuzzResult as result, fuzzRuns, outputFuzz, parserFuzzTests } from '@jq/testkit/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSgeAccounting, sgeAccountingCommand } from '../src/sge-accounting.js';
import { parseSgeStatus, sgeStatusCommand } from '../src/sge-status.js';
import { parseSgeSubmit } from '../src/sge-submit.js';
import { sgeBackend } from '../src/index.js';
import { referenceSample, scenario } from './fixtures.js';

const seed = 20_261_127;

// Fragments of real output: XML tags, ids, task lists, state codes, qacct keys and values.
const fuzz = outputFuzz([
  '<job_list state="running">', '</job_list>', '<JB_job_number>', '</JB_job_number>', '<state>', '</state>', '<tasks>', '</tasks>',
  '<job_info>', '</job_info>', '<queue_info>', '</queue_info>', '<?xml version=\'1.0\'?>', '&amp;', '<![CDATA[', ']]>', '<__proto__>', '</__proto__>', '\n', ' ',
  '=====', 'jobnumber    ', 'taskid       ', 'failed       ', 'exit_status  ', 'undefined', '(Killed)', ' : ', '25  : rescheduling',
  '37', '57', '57.3', '1-8:1', '7,8', '1-99999999999:1', '0-0:0', '-', ',', ':', '.',
  'qw', 'hqw', 'Eqw', 'r', 'dr', 't', 'Rq', 'Rr', 's', 'S', 'T', 'z', 'constructor', '__proto__', 'Your job 12 ("x") has been submitted',
]);

const recorded = new URL('./fixtures/', import.meta.url);
const recordedIds = Object.values(scenario).filter((value): value is string => typeof value === 'string' && /^\d+$/.test(value));
const taskIds = Array.from({ length: 9 }, (_, task) => `${scenario.array}.${task}`);
const options = resolveOptions({ name: 'fuzz', cores: 1, memory: '1GB' }, sgeBackend);

describe('sge parsers under fuzzing', () => {
  parserFuzzTests(it, {
    seed,
    fuzz,
    ids: fc.array(fc.oneof(fc.constantFrom(...recordedIds, ...taskIds), fc.nat({ max: 99 }).map(String), fc.string({ maxLength: 8 })), { maxLength: 20 }),
    statusParsers: {
      'qstat -xml': { parse: parseSgeStatus, outputs: [...recordedOutputs(recorded, 'qstat-xml'), referenceSample('sge.qstat-xml.geinfo-test.xml')] },
      qacct: { parse: parseSgeAccounting, outputs: [...recordedOutputs(recorded, 'qacct'), referenceSample('sge-smoke.qacct.txt')] },
    },
    submit: { command: 'qsub', parse: parseSgeSubmit, outputs: [...recordedOutputs(recorded, 'qsub'), referenceSample('sge.qsub.samples.txt')], idShape: { single: /^\d+$/, task: /^\d+\.\d+$/ } },
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
      fuzzRuns(seed),
    );
  });

  // max_aj_tasks caps SGE arrays at 75 000 by default; a printed range far beyond any
  // limit is garbage, and expanding it task by task would loop for billions of tasks.
  it('a task range wider than any SGE array is tested, not expanded', () => {
    const huge = result(`<job_info><job_info><job_list state="pending"><JB_job_number>57</JB_job_number><state>qw</state><tasks>1-99999999999:1</tasks></job_list></job_info></job_info>`);
    expect(statusMapProblems(() => parseSgeStatus(huge, ['57.3', '57.99999999999']), ['57.3', '57.99999999999'])).toEqual([]);
    expect([...parseSgeStatus(huge, ['57.3', '57.99999999999']).keys()]).toEqual(['57.3', '57.99999999999']);
  });
});
