// Property-based fuzzing of every Slurm output parser: whatever squeue, sacct or sbatch
// print (random text, recorded output mutated or cut short, any requested ids), a parser
// returns statuses of requested ids only, each valid, or throws a JobQueueError; it
// never crashes with another exception and never hangs.
import { JobQueueError } from '@jq/core';
import { probeParser, statusMapProblems } from '@jq/core/testing';
import { recordedOutputs } from '@jq/testkit';
import { fuzzResult as result, fuzzRuns, outputFuzz, parserFuzzTests } from '@jq/testkit/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSlurmAccounting, slurmAccountingCommand } from '../src/slurm-accounting.js';
import { expandSlurmJobId } from '../src/slurm-job-ids.js';
import { parseSlurmStatus, slurmStatusCommand } from '../src/slurm-status.js';
import { parseSlurmSubmit } from '../src/slurm-submit.js';
import { referenceSample } from './fixtures.js';

const seed = 20_260_801;

// Fragments of real output: ids in every printed form, state words, reasons, separators.
const fuzz = outputFuzz([
  '|', '||', '\n', '\r\n', ' ', '\t', '_', '[', ']', '-', ',', '%', '.', '+', ':', '*',
  '39', '45_0', '45_[2-11]', '45_[2,4-9%3]', '45_*', '39.batch', '39.ext+', '39+1', '4294967296', '-1',
  'PD', 'R', 'CD', 'CA', 'F', 'TO', 'OOM', 'RUNNING', 'PENDING', 'CANCELLED by 0', 'CANCELLED+', 'NODE_FAIL',
  'None', 'Resources', 'JobHeldUser', 'Dependency', 'job requeued in held state', '0:0', '3:0', '0:9', '1:15', 'constructor', '__proto__',
]);

const recordedIds = ['39', '40', '41', '42', '43', '44', '45', ...Array.from({ length: 12 }, (_, task) => `45_${task}`), '12_0', '12_3', '5610980'];
const ids = fc.array(fc.oneof(fc.constantFrom(...recordedIds), fc.nat({ max: 99 }).map(String), fc.string({ maxLength: 8 })), { maxLength: 20 });
const recordedBy = (command: string, ...samples: string[]) => [...recordedOutputs(new URL('./fixtures/', import.meta.url), command), ...samples.map(referenceSample)];

describe('slurm parsers under fuzzing', () => {
  parserFuzzTests(it, {
    seed,
    fuzz,
    ids,
    statusParsers: {
      squeue: { parse: parseSlurmStatus, outputs: recordedBy('squeue', 'slurm.squeue-noheader-o_i_t.nextflow.txt') },
      sacct: { parse: parseSlurmAccounting, outputs: recordedBy('sacct', 'slurm.sacct-parsable2.submitit.txt', 'slurm.sacct-parsable2-array.submitit.txt') },
    },
    submit: { command: 'sbatch', parse: parseSlurmSubmit, outputs: recordedBy('sbatch', 'slurm.sbatch.samples.txt'), idShape: { single: /^\d+$/, task: /^\d+_\d+$/ } },
  });

  it('status and accounting commands: any id list gives one argv or JQ_PARSE_FAILED, never a smuggled option', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...recordedIds), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 20 }), (requested) => {
        for (const build of [slurmStatusCommand, slurmAccountingCommand]) {
          try {
            const { argv } = build(requested);
            expect(argv.at(-1)).toMatch(/^--jobs=\d+(?:_\d+)?(?:,\d+(?:_\d+)?)*$/);
          } catch (error) {
            expect(JobQueueError.hasCode(error, 'JQ_PARSE_FAILED'), String(error)).toBe(true);
          }
        }
      }),
      fuzzRuns(seed),
    );
  });

  // Slurm's MaxArraySize is at most 4,000,001, so a printed range beyond it is garbage;
  // expanding it blindly loops for billions of tasks.
  it('a compressed array range wider than any Slurm array is not expanded task by task', () => {
    const huge = result('45_[0-99999999999]|PD|Resources\n45_0|R|None\n');
    expect(statusMapProblems(() => parseSlurmStatus(huge, ['45_0', '45_7']), ['45_0', '45_7'])).toEqual([]);
    expect(statusMapProblems(() => parseSlurmAccounting(huge, ['45_0', '45_7']), ['45_0', '45_7'])).toEqual([]);
    const expanded = probeParser(() => expandSlurmJobId('45_[0-99999999999]'));
    expect('problem' in expanded ? expanded.problem : '').toBe('');
  });
});
