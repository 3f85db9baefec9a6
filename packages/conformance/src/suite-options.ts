import { conformancePrefix } from './conformance-error.js';
import type { BackendFactory, ConformanceOptions, TestFunction } from './suite-types.js';

/** Options that existed once; using one is an error that says where it went. */
const removedOptions: Record<string, string> = {
  arrays: 'capabilities live on the backend now: set backend.capabilities.arrays',
  accounting: 'capabilities live on the backend now: set backend.capabilities.accounting',
  skip: 'groups are gated by backend.capabilities; to run part of the suite call the named groups (renderingTests, …) instead',
  emulator: 'renamed to endToEnd: { environment() { … } }',
  statusOutputs: 'moved to fixtures.status (one recorded output per normalized state)',
};
const knownOptions = ['options', 'fixtures', 'endToEnd'];
const requiredFixtures = ['rendering', 'submit', 'status', 'unknownState', 'absentId', 'errors'];

/** Checks the suite's arguments and throws one error naming every problem. */
export function validateSuiteArguments(test: TestFunction, factory: BackendFactory, options: ConformanceOptions): void {
  if (typeof test !== 'function') throw new TypeError(`${conformancePrefix} the first argument must be the test function (vitest \`it\`)`);
  if (typeof factory !== 'function') throw new TypeError(`${conformancePrefix} the second argument must be a function returning a fresh backend`);
  if (typeof options !== 'object' || options === null) throw new TypeError(`${conformancePrefix} the third argument must be the suite options { options, fixtures, endToEnd? }`);
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    const moved = removedOptions[key];
    if (moved) problems.push(`suite option "${key}" was removed: ${moved}`);
    else if (!knownOptions.includes(key)) problems.push(`unknown suite option "${key}" (known: ${knownOptions.join(', ')})`);
  }
  if (typeof options.options !== 'object' || options.options === null) problems.push('"options" (a valid cluster option set, e.g. { cores: 1, memory: "1GB" }) is required');
  if (typeof options.fixtures !== 'object' || options.fixtures === null) {
    problems.push('"fixtures" (the recorded outputs the suite checks the parsers against) is required');
  } else {
    for (const [key, value] of Object.entries(options.fixtures)) {
      // `fixtures.accounting` holds recorded outputs now; the old flag was a boolean.
      const moved = key === 'accounting' && typeof value === 'object' ? undefined : removedOptions[key];
      if (moved) problems.push(`fixture "${key}" was removed: ${moved}`);
    }
    const missing = requiredFixtures.filter((key) => !(key in options.fixtures));
    if (missing.length > 0) problems.push(`fixtures lack ${missing.join(', ')}`);
  }
  if (options.endToEnd !== undefined && typeof options.endToEnd.environment !== 'function') problems.push('"endToEnd.environment" must be a function that brings up a system');
  if (problems.length > 0) throw new TypeError(`${conformancePrefix} invalid suite options:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}
