import { dirname } from 'node:path';
import { type AnyBackend, type JobRequest, JobQueueCluster, type RenderedJob, type ResolvedOptions, renderJobBody } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { attempt, check, show } from './conformance-error.js';
import { resolveForBackend } from './suite-context.js';
import { runScriptSafely } from './script-probe.js';
import type { BackendFactory, ConformanceOptions, RenderingDescription, TestFunction } from './suite-types.js';

const changedValues: Record<RenderingDescription['rendersOptions'][number], [unknown, unknown]> = {
  jobName: ['conformance-a', 'conformance-b'],
  queue: ['conformance-queue-a', 'conformance-queue-b'],
  account: ['conformance-account-a', 'conformance-account-b'],
  logDirectory: ['/tmp/jq-conformance-logs-a', '/tmp/jq-conformance-logs-b'],
  cores: [2, 6],
  memory: ['2GB', '37GB'],
  walltime: ['00:10:00', '02:15:00'],
  gpus: [1, 3],
};
const injectedNewline = 'ok\n#INJECTED -directive';

/** A job request the way the cluster makes one, with `command` as the worker command. */
export function jobRequestFor(options: ResolvedOptions, command: string[] = ['true']): JobRequest {
  const body = renderJobBody(options, { jobKey: 'conformance-0', command, environment: options.env });
  return { jobKey: 'conformance-0', pool: 'default', index: 0, body, scriptPath: '/tmp/jq-conformance/conformance-0.sh' };
}

/** Renders with `input` merged over the suite's base options. */
export function renderWith(backend: AnyBackend, base: Record<string, unknown>, input: Record<string, unknown>, command?: string[]): string {
  const options = attempt(backend.name, `resolving options ${show(input)}`, () => resolveForBackend(backend, { ...base, ...input }));
  const script = attempt(backend.name, 'render()', () => backend.render(jobRequestFor(options, command), options).script);
  check(backend.name, typeof script === 'string', `render() must return { script: string }, got ${show(script)}`);
  return script;
}

/** The job a real cluster would submit: options through the cluster's constructor, then `render()`. */
export async function clusterJob(backend: AnyBackend, options: Record<string, unknown>, command: string[]): Promise<RenderedJob> {
  const cluster = new JobQueueCluster({ backend, scheduler: new TestScheduler(command), options: { name: 'conformance', ...options }, handleExit: false });
  try {
    return backend.render(jobRequestFor(cluster.options, command), cluster.options);
  } finally {
    await cluster.close();
  }
}

/**
 * The shell text a rendered job runs: the executable it names, else the script itself, or
 * for a description that is not a shell script (`shellScript: false`) the text `shellBody`
 * decodes from it; undefined when there is none.
 */
function shellTextOf(rendered: RenderedJob, rendering: RenderingDescription): string | undefined {
  if (rendered.executable !== undefined) return rendered.executable.text;
  if (rendering.shellScript !== false) return rendered.script;
  return rendering.shellBody?.(rendered.script);
}

/**
 * Rendering: every common option the backend renders lands in a directive, skip and
 * extra directives behave as in dask-jobqueue, golden lines (memory and walltime
 * formats) match, and hostile values are refused or stay data all the way to the script.
 */
export function renderingTests(test: TestFunction, factory: BackendFactory, suite: ConformanceOptions): void {
  const { rendering } = suite.fixtures;
  const prefix = rendering.directivePrefix;
  const headerLines = (script: string) => (prefix ? script.split('\n').filter((line) => line.startsWith(`${prefix} `)) : []);

  test('[rendering] the script starts with the shebang and carries the job body', () => {
    const backend = factory();
    const options = resolveForBackend(backend, suite.options);
    const request = jobRequestFor(options, ['conformance-worker', '--flag']);
    const rendered = backend.render(request, options);
    const script = rendered.script;
    check(backend.name, script.startsWith(`${options.shebang}\n`), `the script must start with the shebang line ${show(options.shebang)}; it starts ${show(script.slice(0, 60))}`);
    if (rendered.executable !== undefined) {
      check(backend.name, rendered.executable.text.startsWith('#!'), `the executable must start with a shebang line; it starts ${show(rendered.executable.text.slice(0, 60))}`);
      check(backend.name, rendered.executable.text.includes(request.body), 'the executable must contain JobRequest.body verbatim (core quotes it; the backend must not rewrite it)');
      return;
    }
    if (rendering.shellBody) {
      const text = attempt(backend.name, 'fixtures.rendering.shellBody()', () => rendering.shellBody!(script));
      let from = 0;
      for (const line of request.body.split('\n')) {
        const at = text.indexOf(line, from);
        check(backend.name, at >= 0, `the job's shell text must carry every body line in order; missing ${show(line)} in ${show(text)}`);
        from = at + line.length;
      }
      return;
    }
    check(backend.name, script.includes(request.body), 'the script must contain JobRequest.body verbatim (core quotes it; the backend must not rewrite it)');
  });

  for (const option of rendering.rendersOptions) {
    test(`[rendering] option ${option} lands in a directive`, () => {
      const backend = factory();
      check(backend.name, prefix, 'fixtures.rendering.rendersOptions lists options but directivePrefix is not set');
      const [first, second] = changedValues[option];
      const pinned = option === 'cores' ? { processes: 1 } : {};
      const before = headerLines(renderWith(backend, suite.options, { ...pinned, [option]: first }));
      const after = headerLines(renderWith(backend, suite.options, { ...pinned, [option]: second }));
      check(backend.name, show(before) !== show(after), `changing ${option} from ${show(first)} to ${show(second)} changed no "${prefix}" line: ${show(after)}`);
      if (typeof second === 'string' && option !== 'memory' && option !== 'walltime') {
        check(backend.name, after.some((line) => line.includes(second)), `no "${prefix}" line contains ${option} ${show(second)}: ${show(after)}`);
      }
    });
  }

  if (prefix) {
    test('[rendering] jobDirectivesSkip drops generated lines; jobExtraDirectives are appended and never skipped', () => {
      const backend = factory();
      const generated = headerLines(renderWith(backend, suite.options, {}));
      const target = generated[0];
      check(backend.name, target, `the header has no "${prefix}" lines to skip`);
      const skipped = headerLines(renderWith(backend, suite.options, { jobDirectivesSkip: [target.slice(prefix.length + 1)] }));
      check(backend.name, !skipped.includes(target), `jobDirectivesSkip did not drop ${show(target)}`);
      const extra = `${prefix} --conformance-extra=1`;
      const withExtra = headerLines(renderWith(backend, suite.options, { jobExtraDirectives: ['--conformance-extra=1'], jobDirectivesSkip: ['conformance-extra'] }));
      check(backend.name, withExtra.at(-1) === extra, `jobExtraDirectives must come last in the header and never be skipped; header is ${show(withExtra)}`);
    });
  }

  test('[rendering] an executable the script names is its own file beside it, and only it holds the environment', () => {
    const backend = factory();
    const options = resolveForBackend(backend, suite.options);
    const secret = 'conformance-secret-7f3a';
    const body = renderJobBody(options, { jobKey: 'conformance-0', command: ['true'], environment: { CONFORMANCE_SECRET: secret } });
    const request: JobRequest = { jobKey: 'conformance-0', pool: 'default', index: 0, body, scriptPath: '/tmp/jq-conformance/conformance-0.sh' };
    const { script, executable } = backend.render(request, options);
    if (executable === undefined) return;
    const { path } = executable;
    check(backend.name, path !== request.scriptPath && dirname(path) === dirname(request.scriptPath), `the executable must be another file in the folder of JobRequest.scriptPath ${show(request.scriptPath)}, got ${show(path)}`);
    check(backend.name, executable.text.includes(secret), `the executable must carry the job's environment (${show(secret)}), got ${show(executable.text)}`);
    check(backend.name, !script.includes(secret), `with an executable, the script must not carry the job's environment: ${show(secret)} is in ${show(script)}`);
  });

  test('[rendering] golden lines (memory and walltime formats) match the fixtures', () => {
    const backend = factory();
    const covered = new Set(rendering.cases.flatMap((fixture) => Object.keys(fixture.options)));
    for (const needed of ['memory', 'walltime'] as const) {
      if (rendering.rendersOptions.includes(needed)) check(backend.name, covered.has(needed), `fixtures.rendering.cases must include a case setting ${needed}`);
    }
    for (const fixture of rendering.cases) {
      const script = renderWith(backend, suite.options, fixture.options);
      const missing = fixture.lines.filter((line) => !script.split('\n').includes(line));
      check(backend.name, missing.length === 0, `with ${show(fixture.options)} the script lacks ${show(missing)}:\n${script}`);
    }
  });

  test('[rendering] newlines in any option are refused before a script is rendered', () => {
    const backend = factory();
    const hostile: Array<Record<string, unknown>> = [
      { jobName: injectedNewline },
      { queue: injectedNewline },
      { account: injectedNewline },
      { logDirectory: injectedNewline },
      { env: { CONFORMANCE: injectedNewline } },
      { jobExtraDirectives: [injectedNewline] },
      { workerExtraArgs: [injectedNewline] },
      { jobScriptPrologue: [injectedNewline] },
    ];
    for (const input of hostile) {
      let refused = false;
      try {
        new JobQueueCluster({ backend, scheduler: new TestScheduler(), options: { ...suite.options, ...input }, handleExit: false });
      } catch (error) {
        refused = (error as { code?: string }).code === 'JQ_CONFIG_INVALID';
      }
      check(backend.name, refused, `a cluster with options ${show(input)} must be refused with a ConfigError (JQ_CONFIG_INVALID) before anything is rendered`);
    }
  });

  test('[rendering] a GPU count that is not a whole number ≥ 1 is refused, naming gpus', () => {
    const backend = factory();
    for (const gpus of [0, -1, 1.5, '2'] as unknown[]) {
      let issue: unknown;
      try {
        new JobQueueCluster({ backend, scheduler: new TestScheduler(), options: { ...suite.options, gpus } as Record<string, unknown>, handleExit: false });
      } catch (error) {
        issue = (error as { code?: string; issues?: Array<{ path: string }> }).issues?.find((found) => found.path === 'gpus');
      }
      check(backend.name, issue, `a cluster with gpus ${show(gpus)} must be refused with a ConfigError naming gpus before anything is rendered or submitted`);
    }
  });

  test('[rendering] shell code in names is refused and in values stays data when the script runs', async () => {
    const backend = factory();
    for (const key of ['jobName', 'queue', 'account']) {
      let refused = false;
      try {
        new JobQueueCluster({ backend, scheduler: new TestScheduler(), options: { ...suite.options, [key]: 'x;touch${IFS}pwned' }, handleExit: false });
      } catch {
        refused = true;
      }
      check(backend.name, refused, `${key} with shell syntax must be refused`);
    }
    // What runs is the executable when the backend renders one, else the script or the shell text it carries.
    const probe = await clusterJob(backend, suite.options, ['true']);
    if (shellTextOf(probe, rendering) === undefined) return;
    await runScriptSafely(backend, async (command, env) => shellTextOf(await clusterJob(backend, { ...suite.options, env }, command), rendering) ?? '');
  });
}
