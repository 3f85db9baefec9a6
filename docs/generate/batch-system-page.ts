import type { AnyBackend } from '@jq/core';
import type { TypicalConfiguration } from '../content/batch-systems.js';
import { code, fence, generatedPage, inline, table } from './markdown.js';
import type { RenderedJob } from './rendered-job.js';
import { optionRows, optionTable } from './schema-table.js';
import type { TestFacts } from './test-facts.js';

/** Everything one batch system's page is made of. */
export interface BatchSystemFacts {
  configuration: TypicalConfiguration;
  packageName: string;
  exportName: string;
  /** TSDoc of the backend's export. */
  summary: string | undefined;
  /** TSDoc of its schema's properties. */
  optionDocumentation: ReadonlyMap<string, string> | undefined;
  /** Names of the common options, to mark the ones a backend redefines. */
  commonOptionNames: ReadonlySet<string>;
  rendered: RenderedJob;
  tests: TestFacts;
}

/** The page of one batch system. */
export function batchSystemPage(facts: BatchSystemFacts): string {
  const { backend } = facts.configuration;
  const sections = [
    `# ${backend.title}`,
    inline(facts.summary ?? ''),
    `Package ${code(facts.packageName)}: ${code(`import { ${facts.exportName} } from '${facts.packageName}'`)}. ` +
      `Options in ${code('jobqueue.yaml')} go in the section${(backend.configSections ?? [backend.name]).length > 1 ? 's' : ''} ` +
      `${(backend.configSections ?? [backend.name]).map(code).join(', ')}. API: [${facts.packageName}](../api/${facts.packageName}/).`,
    '## Capabilities',
    capabilities(backend, facts.rendered),
    '## How it is tested',
    testing(facts.tests),
    '## A job script',
    `The script ${code('cluster.jobScript()')} shows for these options, made by the code when this page was built:`,
    fence('ts', `new JobQueueCluster({\n  backend: ${facts.exportName},\n  scheduler: new EngineScheduler(),\n  options: ${literal(facts.configuration.options)},\n});`),
    fence(facts.rendered.script.startsWith('#!/usr/bin/env bash') || facts.rendered.script.startsWith('#!/bin/') ? 'bash' : 'text', facts.rendered.script),
    'A preview shows the scheduler\'s secret as `<redacted>` and its address as `<scheduler-address>`; the job gets the real ones, in a script only you can read. ' +
      'The paths of Node.js and of the worker entry are those of your machine; here they are `/path/to/…`.',
    '## The commands it runs',
    `Core runs these (argv arrays, never a shell string), with timeouts and retries of the failures ${code('classifyError')} calls transient:`,
    table(['what', 'command'], facts.rendered.commands.map(({ label, argv }) => [label, code(argv.join(' '))])),
    `## Options of ${backend.title}`,
    `Besides the [options every backend takes](../reference/options.md):`,
    backendOptions(facts),
  ];
  return generatedPage(backend.title, `${facts.packageName} (${facts.exportName}) and docs/content/batch-systems.ts`, sections.filter((section) => section !== '').join('\n\n'));
}

function capabilities(backend: AnyBackend, rendered: RenderedJob): string {
  const { arrays, accounting, statusScope } = backend.capabilities;
  const gpu = rendered.gpu;
  const rows = [
    ['job arrays', arrays ? `yes: N jobs are one submission${backend.arrayIndexVariable ? `; a task finds its index in ${code(`$${backend.arrayIndexVariable}`)}` : ''}` : 'no: N jobs are N submissions'],
    ['accounting', accounting ? 'yes: a job that left the queue is looked up in accounting, so it ends as what it really was' : 'no: a job that left the queue is `lost` after `lostGracePeriod`, never assumed completed'],
    ['status', statusScope === 'ids' ? 'one command per poll asks about the listed job ids' : "one command per poll lists all of the user's jobs; the parser keeps this cluster's"],
    [
      'GPUs',
      gpu === undefined
        ? 'not shown'
        : 'refused' in gpu
          ? `refused: ${inline(gpu.refused)}`
          : gpu.added.length === 0
            ? `${code('gpus')} is accepted and adds nothing to the script`
            : `${code('gpus: 1')} adds ${gpu.added.map((line) => code(line)).join(', ')}`,
    ],
  ];
  return table(['capability', backend.title], rows);
}

function testing(tests: TestFacts): string {
  const lines: string[] = [];
  for (const suite of tests.realSuites) {
    lines.push(`- **Against the real system** in CI: ${code(suite.path)}. ${inline(suite.description)}${suite.testFiles.length ? ` Test files: ${suite.testFiles.map(code).join(', ')}.` : ''}`);
  }
  for (const { emulator, files } of tests.emulators) {
    lines.push(`- **Against an emulator**: ${code(emulator)} from ${code('@jq/testkit')} (its commands are emulated, its jobs are real local processes), in ${files.map(code).join(', ')}.`);
  }
  if (tests.conformanceFiles.length) lines.push(`- **Conformance suite**: ${tests.conformanceFiles.map(code).join(', ')}.`);
  if (tests.fixtureCount) {
    lines.push(`- **Parsers** checked against ${tests.fixtureCount} recorded output${tests.fixtureCount === 1 ? '' : 's'} in ${code('test/fixtures')}${tests.recorder ? `, recorded from the real system by ${code(tests.recorder)}` : ''}.`);
  }
  if (tests.realSuites.length === 0 && tests.emulators.length > 0) lines.push('- Not run against a real installation of this system here: no CI suite runs its `test:integration`, so end to end it meets only the emulator.');
  return lines.join('\n');
}

function backendOptions(facts: BatchSystemFacts): string {
  const rows = optionRows(facts.configuration.backend.options, facts.optionDocumentation);
  if (rows.length === 0) return 'None of its own.';
  return optionTable(rows, (row) => (facts.commonOptionNames.has(row.name) ? ` (replaces the common ${row.name})` : ''));
}

/** A JavaScript object literal for the options shown in the example. */
function literal(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, ' ')
    .replace(/"([A-Za-z_$][A-Za-z0-9_$]*)":/g, '$1:')
    .replace(/"((?:[^"\\]|\\.)*)"/g, (_match, text: string) => `'${text.replace(/'/g, "\\'")}'`);
}
