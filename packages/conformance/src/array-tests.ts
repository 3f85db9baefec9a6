import { renderJobBody } from '@jq/core';
import { attempt, check, show } from './conformance-error.js';
import { resolveForBackend, resultOf } from './suite-context.js';
import type { BackendFactory, ConformanceOptions, TestFunction } from './suite-types.js';

/** Arrays, for backends with `capabilities.arrays`: one submission, one id per task, the index variable in the script. */
export function arrayTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  if (!factory().capabilities.arrays) return;

  test('[arrays] an array is one submit command that differs from a plain one', () => {
    const backend = factory();
    const options = resolveForBackend(backend, suite.options);
    const plain = backend.submit('/tmp/jq-conformance/job.sh', options);
    const array = attempt(backend.name, 'submit() with an ArraySpec', () => backend.submit('/tmp/jq-conformance/job.sh', options, { count: 3 }));
    check(backend.name, show(plain) !== show(array), `submit() with { count: 3 } must submit an array, but gave the plain command ${show(array)}`);
    check(backend.name, array.argv.join(' ').includes('2') || array.argv.join(' ').includes('3'), `the array submit command must carry the task range, got ${show(array.argv)}`);
  });

  test('[arrays] recorded array submissions give one id per task', () => {
    const backend = factory();
    const arrays = suite.fixtures.submit.filter((fixture) => fixture.array);
    check(backend.name, arrays.length > 0, 'capabilities.arrays is true, so fixtures.submit needs an array submission');
    for (const fixture of arrays) {
      const ids = backend.parseSubmit(resultOf(['submit'], fixture), fixture.array);
      check(backend.name, ids.length === fixture.array?.count && new Set(ids).size === ids.length, `an array of ${fixture.array?.count} must give as many distinct ids, got ${show(ids)}`);
    }
  });

  test('[arrays] the array index variable reaches the rendered script', () => {
    const backend = factory();
    const variable = backend.arrayIndexVariable;
    check(backend.name, typeof variable === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(variable), `capabilities.arrays needs arrayIndexVariable, a shell variable name; got ${show(variable)}`);
    const options = resolveForBackend(backend, suite.options);
    const body = renderJobBody(options, { jobKey: 'conformance-0', command: ['true'], environment: {}, array: { indexVariable: variable, clusterName: 'conformance', firstIndex: 0 } });
    const rendered = backend.render({ jobKey: 'conformance-0', pool: 'default', index: 0, body, scriptPath: '/tmp/jq-conformance/array.sh', array: { count: 3 } }, options);
    const shellText = rendered.executable?.text ?? rendered.script;
    check(backend.name, shellText.includes(`\${${variable}}`), `the array job's script (or the executable it names) must compute its name from \${${variable}}`);
  });
}
