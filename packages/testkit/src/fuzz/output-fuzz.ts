import type { CommandResult } from '@jq/core';
import { probeParser, statusMapProblems } from '@jq/core/testing';
import fc from 'fast-check';
import { expect } from 'vitest';
import { mutatedOutput } from '../mutated-output.js';

/** fast-check settings of a parser fuzz test: a fixed seed, so a failure repeats. */
export const fuzzRuns = (seed: number) => ({ seed, numRuns: 400, endOnFailure: true }) as const;

/** What a command printed, as a parser receives it. */
export const fuzzResult = (stdout: string, exitCode = 0): CommandResult => ({ argv: ['fuzz'], exitCode, stdout, stderr: '', timedOut: false });

/** Inputs for fuzzing a system's parsers, built from fragments of its real output. */
export interface OutputFuzz {
  /** One fragment: a token of real output, a short random string, or a number. */
  fragment: fc.Arbitrary<string>;
  /** Random text, binary junk, or fragments joined. */
  anyText: fc.Arbitrary<string>;
  /** One of `texts` (recorded outputs) cut, edited and with lines dropped or repeated. */
  mutated(texts: string[]): fc.Arbitrary<string>;
}

/** Fuzz inputs from `tokens`, fragments of the system's real output (ids, state words, separators, tags). */
export function outputFuzz(tokens: string[]): OutputFuzz {
  const fragment = fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 }), fc.nat({ max: 1_000 }).map(String));
  const joined = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
  const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), joined);
  return { fragment, anyText, mutated: (texts) => mutatedOutput(texts, fragment) };
}

/** A status or accounting parser keeps its contract on any `output` and `ids`: valid statuses of requested ids, or a typed refusal. */
export function statusParserHolds(
  output: fc.Arbitrary<string>,
  ids: fc.Arbitrary<string[]>,
  parse: (result: CommandResult, ids: string[]) => Map<string, unknown>,
  seed: number,
): void {
  fc.assert(
    fc.property(output, ids, fc.constantFrom(0, 1), (stdout, requested, exitCode) => {
      expect(statusMapProblems(() => parse(fuzzResult(stdout, exitCode), requested), requested)).toEqual([]);
    }),
    fuzzRuns(seed),
  );
}

/** A submit parser on any `output`: one id of the system's shape per task (`idShape.single` or `.task`), or a typed refusal. */
export function submitParserHolds(
  output: fc.Arbitrary<string>,
  parse: (result: CommandResult, array?: { count: number }) => string[],
  idShape: { single: RegExp; task: RegExp },
  seed: number,
): void {
  const array = fc.option(fc.record({ count: fc.integer({ min: 1, max: 20 }) }), { nil: undefined });
  fc.assert(
    fc.property(output, array, (stdout, spec) => {
      const outcome = probeParser(() => parse(fuzzResult(stdout), spec));
      expect('problem' in outcome ? outcome.problem : '').toBe('');
      if (!('value' in outcome)) return;
      expect(outcome.value).toHaveLength(spec?.count ?? 1);
      for (const id of outcome.value) expect(id).toMatch(spec ? idShape.task : idShape.single);
    }),
    fuzzRuns(seed),
  );
}
