import { attempt, check, show } from './conformance-error.js';
import { resolveForBackend, resultOf } from './suite-context.js';
import type { BackendFactory, ConformanceOptions, TestFunction } from './suite-types.js';

/** Accounting, for backends with `capabilities.accounting`: both members exist, one command for all ids, empty output → no entries. */
export function accountingTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  if (!factory().capabilities.accounting) return;

  test('[accounting] one accounting command covers every id, and empty output reports nothing', () => {
    const backend = factory();
    const { accounting, parseAccounting } = backend;
    check(backend.name, accounting && parseAccounting, 'capabilities.accounting is true, so accounting() and parseAccounting() are required');
    const ids = ['301', '302'].map((id) => suite.fixtures.absentId.replace(/\d+/, id));
    const command = attempt(backend.name, 'accounting()', () => accounting.call(backend, ids, resolveForBackend(backend, suite.options)));
    const text = command.argv.join(' ');
    check(backend.name, ids.every((id) => text.includes(id)), `accounting(${show(ids)}) must be ONE command naming every id, got ${show(command.argv)}`);
    const statuses = attempt(backend.name, 'parseAccounting of empty output', () => parseAccounting.call(backend, resultOf(['accounting'], { stdout: '' }), ids));
    check(backend.name, statuses instanceof Map && statuses.size === 0, `parseAccounting of empty output must return an empty Map, got ${show(statuses)}`);
  });
}
