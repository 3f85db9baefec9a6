/**
 * `@jq/testkit/fuzz`: property-based fuzzing of a backend's output parsers. Whatever a
 * command prints (random text, recorded output mutated or cut short, any requested
 * ids), a parser returns statuses of requested ids only, each valid, or throws a
 * JobQueueError (`JQ_PARSE_FAILED`); it never crashes with another exception and never hangs.
 *
 * ```ts
 * const { anyText, mutated } = outputFuzz(['|', 'PD', 'RUNNING', '45_[2-11]']);
 * it('squeue: random text', () => statusParserHolds(anyText, ids, parseSlurmStatus, 20_260_801));
 * ```
 * @module
 */
export { type OutputFuzz, fuzzResult, fuzzRuns, outputFuzz, statusParserHolds, submitParserHolds } from './output-fuzz.js';
export { type ParserFuzzSpec, parserFuzzTests } from './parser-fuzz-tests.js';
export { mutatedOutput } from '../mutated-output.js';
