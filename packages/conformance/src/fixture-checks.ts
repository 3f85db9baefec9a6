import type { AnyBackend, CommandResult, JobId, JobState, JobStatus } from '@jq/core';
import { attempt, check, show } from './conformance-error.js';
import { resultOf } from './suite-context.js';
import type { StatusFixture } from './suite-types.js';

/** `parseStatus` or `parseAccounting`, bound to the backend. */
export type StatusParser = (result: CommandResult, ids: JobId[]) => Map<JobId, JobStatus>;

/** What `parse` says about the one id a fixture is about. */
export function parseOne(backend: AnyBackend, parse: StatusParser, fixture: StatusFixture, what = 'parseStatus'): JobStatus | undefined {
  const statuses = attempt(backend.name, `${what} for ${fixture.id}`, () => parse(resultOf(['status'], fixture), [fixture.id]));
  check(backend.name, statuses instanceof Map, `${what} must return a Map, got ${show(statuses)}`);
  return statuses.get(fixture.id);
}

/** A recorded output parses to its state, keeps the native code, and carries the exit code and signal it records. */
export function checkFixtureState(backend: AnyBackend, parse: StatusParser, state: JobState, fixture: StatusFixture, what = 'parseStatus'): void {
  const status = parseOne(backend, parse, fixture, what);
  check(backend.name, status, `${what} left out ${fixture.id}, which the "${state}" fixture mentions`);
  check(backend.name, status.state === state, `the "${state}" fixture parsed to ${show(status)}`);
  check(backend.name, typeof status.native === 'string' && status.native !== '', `JobStatus.native must keep the system's own code, got ${show(status.native)}`);
  if (fixture.jobExitCode !== undefined) {
    check(backend.name, status.exitCode === fixture.jobExitCode, `the "${state}" fixture carries exit code ${fixture.jobExitCode}, parsed ${show(status.exitCode)}`);
  }
  if (fixture.jobSignal !== undefined) {
    check(backend.name, status.signal === fixture.jobSignal, `the "${state}" fixture carries signal ${fixture.jobSignal}, parsed ${show(status.signal)}`);
  }
  if (status.exitCode !== undefined) {
    check(backend.name, Number.isInteger(status.exitCode), `JobStatus.exitCode must be the job's own integer status, got ${show(status.exitCode)}`);
  }
}
