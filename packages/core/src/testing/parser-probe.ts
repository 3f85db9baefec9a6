import vm from 'node:vm';
import { jobStates } from '../contracts/job-state.js';
import { JobQueueError, type JobQueueErrorCode } from '../errors.js';

/** What a parser did with an input: a value, a typed refusal, or something wrong. */
export type ParseOutcome<T> = { value: T } | { refused: JobQueueError } | { problem: string };

const guard = vm.createContext({ call: (): unknown => undefined });
const invoke = new vm.Script('call()');

/**
 * Calls a parser with a deadline (vm's watchdog stops synchronous JavaScript, so a
 * parser stuck in a loop fails its test instead of hanging the suite). A JobQueueError
 * with `code` is a refusal; any other throw is a problem. The deadline is wall-clock time,
 * so it is a hang guard, not a speed check: 5 s, because a parse of a few hundred
 * characters that a busy machine descheduled was seen taking over 500 ms.
 */
export function probeParser<T>(call: () => T, options: { milliseconds?: number; code?: JobQueueErrorCode } = {}): ParseOutcome<T> {
  const milliseconds = options.milliseconds ?? 5_000;
  try {
    guard.call = call;
    return { value: invoke.runInContext(guard, { timeout: milliseconds }) as T };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { problem: `did not return within ${milliseconds} ms` };
    if (JobQueueError.hasCode(error, options.code ?? 'JQ_PARSE_FAILED')) return { refused: error };
    return { problem: `threw ${(error as Error)?.constructor?.name}: ${String((error as Error)?.message ?? error).slice(0, 160)}` };
  }
}

/** What is wrong with one status; empty when it is a valid JobStatus. */
export function statusProblems(id: string, status: unknown): string[] {
  const { state, native, reason, exitCode } = (status ?? {}) as Record<string, unknown>;
  const found: string[] = [];
  if (!jobStates.includes(state as never)) found.push(`${id}: state ${JSON.stringify(state)} is not a JobState`);
  if (typeof native !== 'string') found.push(`${id}: native ${JSON.stringify(native)} is not a string`);
  if (reason !== undefined && typeof reason !== 'string') found.push(`${id}: reason ${JSON.stringify(reason)} is not a string`);
  if (exitCode !== undefined && !Number.isFinite(exitCode)) found.push(`${id}: exitCode ${JSON.stringify(exitCode)} is not a number`);
  return found;
}

/** What is wrong with a status parser's answer; empty for a map of valid statuses of requested ids, or a typed refusal. */
export function statusMapProblems(run: () => Map<string, unknown>, requested: readonly string[]): string[] {
  const outcome = probeParser(run);
  if ('problem' in outcome) return [outcome.problem];
  if ('refused' in outcome) return [];
  if (!(outcome.value instanceof Map)) return ['did not return a Map'];
  const found: string[] = [];
  for (const [id, status] of outcome.value) {
    if (!requested.includes(id)) found.push(`status for an id nobody asked about: ${JSON.stringify(id)}`);
    found.push(...statusProblems(id, status));
  }
  return found;
}
