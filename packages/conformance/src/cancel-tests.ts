import { attempt, check, show } from './conformance-error.js';
import { resolveForBackend, resultOf } from './suite-context.js';
import type { BackendFactory, ConformanceOptions, TestFunction } from './suite-types.js';

/** Cancel is one command for every id; failures are classified as the fixtures say. */
export function cancelTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  test('[cancel] one cancel command covers every id', () => {
    const backend = factory();
    const ids = ['201', '202', '203'].map((id) => suite.fixtures.absentId.replace(/\d+/, id));
    const command = attempt(backend.name, 'cancel()', () => backend.cancel(ids, resolveForBackend(backend, suite.options)));
    check(backend.name, Array.isArray(command.argv) && command.argv.every((word) => typeof word === 'string'), `cancel() must return { argv: string[] }, got ${show(command)}`);
    const text = command.argv.join(' ');
    check(backend.name, ids.every((id) => text.includes(id)), `cancel(${show(ids)}) must be ONE command naming every id, got ${show(command.argv)}`);
  });

  test('[errors] failures are classified transient or permanent as recorded', () => {
    const backend = factory();
    const { transient, permanent } = suite.fixtures.errors;
    check(backend.name, transient.length + permanent.length > 0, 'fixtures.errors needs recorded failures (transient ones when the system has them)');
    for (const [expected, samples] of [['transient', transient], ['permanent', permanent]] as const) {
      for (const sample of samples) {
        const kind = attempt(backend.name, 'classifyError()', () => backend.classifyError(resultOf(['command'], { exitCode: 1, ...sample })));
        check(backend.name, kind === expected, `classifyError(${show(sample.stderr ?? sample.stdout)}) must be "${expected}", got ${show(kind)}`);
      }
    }
  });
}
