/**
 * Writes the generated pages of the site from the code itself: one page per batch
 * system (its script rendered by the backend, its option table from its schema and
 * TSDoc, how it is tested), the common options, dask-jobqueue's names, and the
 * troubleshooting page keyed by error code. Fails rather than publish a gap.
 *
 *   pnpm --filter @jq/docs generate
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommonOptionsSchema } from '@jq/core';
import { typicalConfigurations } from '../content/batch-systems.js';
import { batchSystemPage } from './batch-system-page.js';
import { declaredErrorCodes, findErrorCodeUses } from './error-codes.js';
import { code, generatedPage, inline, table } from './markdown.js';
import { commonOptionsPage, daskAliasTable, daskNamesPage } from './options-pages.js';
import { renderJob } from './rendered-job.js';
import { securitySettingsTable } from './security-settings.js';
import { pagesDirectory, workspacePackages } from './repository.js';
import { readSourceComments, type SourceComments } from './source-comments.js';
import { testFacts } from './test-facts.js';
import { troubleshootingPage } from './troubleshooting-page.js';
import { loadWorkspaceExports, type WorkspaceExports } from './workspace-exports.js';

/** The folders this script owns inside pages/ (emptied first, ignored by git). */
export const generatedFolders = ['batch-systems', 'reference', 'partials'] as const;

const started = performance.now();
const packages = workspacePackages();
const comments = readSourceComments(packages);
const exports = await loadWorkspaceExports(packages);
for (const folder of generatedFolders) rmSync(join(pagesDirectory, folder), { recursive: true, force: true });

const documented = new Set(typicalConfigurations.map((configuration) => configuration.backend));
const undocumented = exports.backends.filter(({ backend }) => !documented.has(backend));
if (undocumented.length > 0) {
  const names = undocumented.map(({ packageName, exportName }) => `${exportName} (${packageName})`).join(', ');
  throw new Error(`[jq/docs] ${names} has no page: add a typical configuration to docs/content/batch-systems.ts`);
}

const batchSystems: { name: string; title: string; packageName: string; arrays: boolean; accounting: boolean; real: boolean }[] = [];
for (const configuration of typicalConfigurations) {
  const found = exports.backends.find(({ backend }) => backend === configuration.backend);
  if (found === undefined) throw new Error(`[jq/docs] docs/content/batch-systems.ts lists ${configuration.backend.name}, which no package exports`);
  const workspacePackage = packages.find((candidate) => candidate.name === found.packageName)!;
  const tests = testFacts(workspacePackage, configuration.backend.name);
  write(
    `batch-systems/${configuration.backend.name}.md`,
    batchSystemPage({
      configuration,
      packageName: found.packageName,
      exportName: found.exportName,
      summary: comments.exports.get(`${found.packageName}:${found.exportName}`),
      optionDocumentation: schemaDocumentation(configuration.backend.options, exports, comments),
      commonOptionNames: new Set(Object.keys(CommonOptionsSchema.properties)),
      rendered: await renderJob(configuration),
      tests,
    }),
  );
  const { arrays, accounting } = configuration.backend.capabilities;
  batchSystems.push({ name: configuration.backend.name, title: configuration.backend.title, packageName: found.packageName, arrays, accounting, real: tests.realSuites.length > 0 });
}
write('batch-systems/index.md', batchSystemsIndex(batchSystems));
// The sidebar reads this list, so a new backend's page appears in it without editing the config.
write('batch-systems/pages.json', `${JSON.stringify(batchSystems.map(({ name, title }) => ({ name, title })), null, 2)}\n`);

write('reference/options.md', commonOptionsPage(schemaDocumentation(CommonOptionsSchema, exports, comments)));
write('reference/dask-jobqueue-names.md', daskNamesPage(typicalConfigurations));
const codes = declaredErrorCodes();
findErrorCodeUses(codes, packages);
write('reference/troubleshooting.md', troubleshootingPage(codes));
// Partials are included by hand-written pages (`<!--@include: … -->`), not pages of their own.
write('partials/security-settings.md', securitySettingsTable(comments));
write('partials/dask-aliases.md', `${daskAliasTable()}\n`);
console.log(`[jq/docs] generated ${batchSystems.length} batch-system pages, options, dask-jobqueue names and ${codes.length} error codes in ${((performance.now() - started) / 1000).toFixed(1)} s`);

/** The TSDoc of a schema's properties, found through the export that declares it. */
function schemaDocumentation(schema: unknown, workspace: WorkspaceExports, source: SourceComments): ReadonlyMap<string, string> | undefined {
  for (const name of workspace.names.get(schema) ?? []) {
    const properties = source.schemaProperties.get(name);
    if (properties !== undefined) return properties;
  }
  return undefined;
}

function batchSystemsIndex(systems: typeof batchSystems): string {
  const yes = (value: boolean) => (value ? 'yes' : 'no');
  const rows = systems.map((system) => [`[${inline(system.title)}](./${system.name}.md)`, code(system.packageName), yes(system.arrays), yes(system.accounting), system.real ? 'real system' : 'emulator']);
  const body = [
    '# Batch systems',
    'Each page shows the job script the backend renders, the commands it runs, its options and how it is tested, all generated from the code when the site is built.',
    table(['system', 'package', 'arrays', 'accounting', 'tested in CI against'], rows),
  ];
  return generatedPage('Batch systems', 'every backend package and docs/content/batch-systems.ts', body.join('\n\n'));
}

function write(relative: string, text: string): void {
  const path = join(pagesDirectory, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
