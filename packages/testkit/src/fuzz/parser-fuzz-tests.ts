import type { CommandResult } from '@jq/core';
import fc from 'fast-check';
import { type OutputFuzz, statusParserHolds, submitParserHolds } from './output-fuzz.js';

/** A parser to fuzz, with the recorded outputs its mutated inputs start from. */
interface FuzzedParser<P> {
  parse: P;
  outputs: string[];
}

/** What {@link parserFuzzTests} fuzzes: a system's status-like parsers and its submit parser. */
export interface ParserFuzzSpec {
  /** fast-check's seed: the same inputs on every run. */
  seed: number;
  /** Inputs built from fragments of the system's output ({@link outputFuzz}). */
  fuzz: OutputFuzz;
  /** The ids a status parser is asked about. */
  ids: fc.Arbitrary<string[]>;
  /** Status and accounting parsers, by the command that prints their input (`squeue`, `sacct`). */
  statusParsers: Record<string, FuzzedParser<(result: CommandResult, ids: string[]) => Map<string, unknown>>>;
  /** The submit parser, by its command, and the shape of the ids it gives (a job, an array task). */
  submit: FuzzedParser<(result: CommandResult, array?: { count: number }) => string[]> & { command: string; idShape: { single: RegExp; task: RegExp } };
}

/**
 * Registers the fuzz tests every backend's parsers pass: each status parser on random
 * text and on its recorded outputs mutated and cut short, and the submit parser on both.
 */
export function parserFuzzTests(test: (name: string, body: () => void) => void, spec: ParserFuzzSpec): void {
  const { seed, fuzz, ids } = spec;
  for (const [command, { parse, outputs }] of Object.entries(spec.statusParsers)) {
    test(`${command}: random text`, () => statusParserHolds(fuzz.anyText, ids, parse, seed));
    test(`${command}: recorded output mutated and truncated`, () => statusParserHolds(fuzz.mutated(outputs), ids, parse, seed));
  }
  const { command, parse, outputs, idShape } = spec.submit;
  test(`${command}: random and mutated output gives ids of the system's shape or JQ_PARSE_FAILED`, () => submitParserHolds(fc.oneof(fuzz.anyText, fuzz.mutated(outputs)), parse, idShape, seed));
}
