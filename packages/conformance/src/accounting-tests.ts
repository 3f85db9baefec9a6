import type { JobState } from '@jq/core';
import { attempt, check, show } from './conformance-error.js';
import { checkFixtureState } from './fixture-checks.js';
import { resolveForBackend, resultOf } from './suite-context.js';
import type { BackendFactory, ConformanceOptions, StatusFixture, TestFunction } from './suite-types.js';

/**
 * Accounting, for backends with `capabilities.accounting`: both members exist; ONE
 * command for all ids (naming each, or with `accountingScope: 'job-name'` asking by the
 * cluster's job name whatever the ids); empty output → no entries; every recorded
 * accounting output parses to its state, exit code and signal.
 */
export function accountingTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  if (!factory().capabilities.accounting) return;

  test('[accounting] one accounting command covers every id, and empty output reports nothing', () => {
    const backend = factory();
    const { accounting, parseAccounting } = backend;
    check(backend.name, accounting && parseAccounting, 'capabilities.accounting is true, so accounting() and parseAccounting() are required');
    const options = resolveForBackend(backend, suite.options);
    const ids = ['301', '302'].map((id) => suite.fixtures.absentId.replace(/\d+/, id));
    const command = attempt(backend.name, 'accounting()', () => accounting.call(backend, ids, options));
    const text = command.argv.join(' ');
    if (backend.capabilities.accountingScope === 'job-name') {
      const single = attempt(backend.name, 'accounting()', () => accounting.call(backend, [ids[0] ?? ''], options));
      check(backend.name, show(single) === show(command), `accountingScope "job-name": accounting() must be ONE command whatever the ids, got ${show(single)} and ${show(command)}`);
      check(backend.name, command.argv.includes(options.jobName), `accountingScope "job-name": the command must ask by the job name ${show(options.jobName)}, got ${show(command.argv)}`);
    } else {
      check(backend.name, ids.every((id) => text.includes(id)), `accounting(${show(ids)}) must be ONE command naming every id, got ${show(command.argv)}`);
    }
    const statuses = attempt(backend.name, 'parseAccounting of empty output', () => parseAccounting.call(backend, resultOf(['accounting'], { stdout: '' }), ids));
    check(backend.name, statuses instanceof Map && statuses.size === 0, `parseAccounting of empty output must return an empty Map, got ${show(statuses)}`);
  });

  test('[accounting] recorded accounting outputs exist', () => {
    const backend = factory();
    const recorded = Object.keys(suite.fixtures.accounting ?? {});
    check(backend.name, recorded.length > 0, 'capabilities.accounting is true, so fixtures.accounting needs recorded outputs of the accounting command, keyed by state');
  });

  for (const [state, fixture] of Object.entries(suite.fixtures.accounting ?? {}) as Array<[JobState, StatusFixture]>) {
    test(`[accounting] a recorded "${state}" accounting output parses to ${state}`, () => {
      const backend = factory();
      check(backend.name, backend.parseAccounting, 'capabilities.accounting is true, so parseAccounting() is required');
      checkFixtureState(backend, (result, ids) => backend.parseAccounting!(result, ids), state, fixture, 'parseAccounting');
    });
  }
}
