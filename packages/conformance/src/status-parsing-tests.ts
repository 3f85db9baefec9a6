import { type JobState, jobStates } from '@jq/core';
import { attempt, check, show } from './conformance-error.js';
import { checkFixtureState, parseOne } from './fixture-checks.js';
import { resolveForBackend, resultOf } from './suite-context.js';
import type { BackendFactory, ConformanceOptions, StatusFixture, TestFunction } from './suite-types.js';

const requiredStates: JobState[] = ['running', 'completed', 'failed'];

/**
 * Status: one command for all ids (naming each, or with `statusScope: 'user'` the same
 * command whatever the ids); every normalized state from the adapter's recorded outputs
 * (status or accounting); unknown codes → `unknown`, never a throw; empty output and
 * absent ids → no entry.
 */
export function statusParsingTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  const { fixtures } = suite;

  test('[status] one status command covers every id', () => {
    const backend = factory();
    const options = resolveForBackend(backend, suite.options);
    const ids = ['101', '102', '103'].map((id) => fixtures.absentId.replace(/\d+/, id));
    const command = attempt(backend.name, 'status()', () => backend.status(ids, options));
    if (backend.capabilities.statusScope === 'user') {
      const single = attempt(backend.name, 'status()', () => backend.status([ids[0] ?? ''], options));
      check(backend.name, show(single) === show(command), `statusScope "user": status() must be ONE command listing the user's jobs whatever the ids, got ${show(single)} and ${show(command)}`);
      return;
    }
    const text = command.argv.join(' ');
    check(backend.name, ids.every((id) => text.includes(id)), `status(${show(ids)}) must be ONE command naming every id, got ${show(command.argv)}`);
  });

  test('[status] every normalized state has a fixture or a stated reason', () => {
    const backend = factory();
    const reported = new Set([...Object.keys(fixtures.status), ...Object.keys(fixtures.accounting ?? {})]);
    const reportable = jobStates.filter((state) => state !== 'lost' && state !== 'unknown');
    const missing = reportable.filter((state) => !reported.has(state) && !(state in (fixtures.unreportedStates ?? {})));
    check(backend.name, missing.length === 0, `fixtures.status (or fixtures.accounting) has no output for ${show(missing)}; add a recorded output or list the state in fixtures.unreportedStates with the reason`);
    const unreported = requiredStates.filter((state) => !reported.has(state));
    check(backend.name, unreported.length === 0, `every backend must report ${show(requiredStates)}; fixtures.status and fixtures.accounting lack ${show(unreported)}`);
  });

  for (const [state, fixture] of Object.entries(fixtures.status) as Array<[JobState, StatusFixture]>) {
    test(`[status] a recorded "${state}" output parses to ${state}`, () => {
      const backend = factory();
      checkFixtureState(backend, (result, ids) => backend.parseStatus(result, ids), state, fixture);
    });
  }

  test('[status] an unknown state code parses to unknown, never a throw', () => {
    const backend = factory();
    const status = parseOne(backend, (result, ids) => backend.parseStatus(result, ids), fixtures.unknownState);
    check(backend.name, status?.state === 'unknown', `an unrecognised code must give state "unknown" (keeping the code in native), got ${show(status)}`);
    check(backend.name, status.native !== '', 'JobStatus.native must keep the unrecognised code');
  });

  test('[status] empty output means no job is in the queue', () => {
    const backend = factory();
    const statuses = attempt(backend.name, 'parseStatus of empty output', () => backend.parseStatus(resultOf(['status'], { stdout: '' }), [fixtures.absentId]));
    check(backend.name, statuses instanceof Map && statuses.size === 0, `parseStatus of empty output must return an empty Map, got ${show(statuses)}`);
  });

  test('[status] only requested ids are reported, absent ones are left out', () => {
    const backend = factory();
    const fixture = fixtures.status.running ?? Object.values(fixtures.status)[0];
    check(backend.name, fixture, 'fixtures.status is empty');
    const statuses = attempt(backend.name, 'parseStatus', () => backend.parseStatus(resultOf(['status'], fixture), [fixture.id, fixtures.absentId]));
    check(backend.name, statuses.has(fixture.id), `parseStatus must report ${fixture.id}, got ${show(statuses)}`);
    check(backend.name, !statuses.has(fixtures.absentId), `${fixtures.absentId} is not in the output, so it must be left out (core resolves it), got ${show(statuses.get(fixtures.absentId))}`);
    const none = attempt(backend.name, 'parseStatus', () => backend.parseStatus(resultOf(['status'], fixture), [fixtures.absentId]));
    check(backend.name, !none.has(fixture.id), `parseStatus must not report ids it was not asked about, got ${show(none)}`);
  });
}
