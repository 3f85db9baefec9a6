import { attempt, check, show } from './conformance-error.js';
import { resolveForBackend, resultOf } from './suite-context.js';
import type { BackendFactory, ConformanceOptions, TestFunction } from './suite-types.js';

/** Submit: an argv-only command naming the script, ids parsed from recorded outputs, no id → a throw. */
export function submitParsingTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  test('[submit] the submit command is an argv array that names the script', () => {
    const backend = factory();
    const options = resolveForBackend(backend, suite.options);
    const command = attempt(backend.name, 'submit()', () => backend.submit('/tmp/jq-conformance/job.sh', options));
    check(backend.name, Array.isArray(command.argv) && command.argv.length > 0 && command.argv.every((word) => typeof word === 'string' && word !== ''), `submit() must return { argv: string[] } with non-empty words, got ${show(command)}`);
    const mentioned = command.argv.some((word) => word.includes('/tmp/jq-conformance/job.sh')) || command.stdinFile === '/tmp/jq-conformance/job.sh' || command.stdin !== undefined;
    check(backend.name, mentioned, `submit() must pass the script path in argv or as stdinFile (or the script on stdin), got ${show(command)}`);
  });

  test('[submit] recorded submit outputs parse to their ids', () => {
    const backend = factory();
    const plain = suite.fixtures.submit.filter((fixture) => !fixture.array);
    check(backend.name, plain.length > 0, 'fixtures.submit needs at least one plain (non-array) submission');
    for (const fixture of suite.fixtures.submit) {
      const ids = attempt(backend.name, `parseSubmit(${show(fixture.stdout)})`, () => backend.parseSubmit(resultOf(['submit'], fixture), fixture.array));
      check(backend.name, show(ids) === show(fixture.ids), `parseSubmit(${show(fixture.stdout)}${fixture.array ? `, ${show(fixture.array)}` : ''}) must give ${show(fixture.ids)}, got ${show(ids)}`);
    }
  });

  test('[submit] output without a job id throws instead of inventing one', () => {
    const backend = factory();
    for (const stdout of ['', '\n', 'qsub: something unexpected happened\n']) {
      let threw = false;
      let ids: unknown;
      try {
        ids = backend.parseSubmit(resultOf(['submit'], { stdout }));
      } catch {
        threw = true;
      }
      check(backend.name, threw, `parseSubmit(${show(stdout)}) must throw, got ${show(ids)}`);
    }
  });
}
