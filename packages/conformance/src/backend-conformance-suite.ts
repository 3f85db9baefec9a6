import { accountingTests } from './accounting-tests.js';
import { arrayTests } from './array-tests.js';
import { cancelTests } from './cancel-tests.js';
import { endToEndTests } from './end-to-end-tests.js';
import { renderingTests } from './rendering-tests.js';
import { statusParsingTests } from './status-parsing-tests.js';
import { submitParsingTests } from './submit-parsing-tests.js';
import { validateSuiteArguments } from './suite-options.js';
import type { BackendFactory, ConformanceOptions, TestFunction } from './suite-types.js';

/**
 * Registers every conformance test for a backend. Groups the backend's capabilities
 * do not cover (arrays, accounting) and the end-to-end group without `endToEnd` register nothing.
 *
 * ```ts
 * import { it } from 'vitest';
 * backendConformanceSuite(it, () => myBackend, { options: { cores: 1, memory: '1GB' }, fixtures });
 * ```
 * @param test - the runner's `it`
 * @param factory - returns a fresh backend for each test
 * @param options - base cluster options, the adapter's fixtures, and optionally an end-to-end system
 */
export function backendConformanceSuite(test: TestFunction, factory: BackendFactory, options: ConformanceOptions): void {
  validateSuiteArguments(test, factory, options);
  // The backend's name in every test name tells suites run for several flavors apart.
  const backendName = factory().name;
  const named: TestFunction = (name, body, timeout) => test(`${backendName} ${name}`, body, timeout);
  renderingTests(named, factory, options);
  submitParsingTests(named, factory, options);
  statusParsingTests(named, factory, options);
  cancelTests(named, factory, options);
  arrayTests(named, factory, options);
  accountingTests(named, factory, options);
  endToEndTests(named, factory, options);
}
