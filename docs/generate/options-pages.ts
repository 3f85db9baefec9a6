import { CommonOptionsSchema, clusterOptionNames } from '@jq/core';
import { camelCase, daskOnlyKeys, daskOptionAliases } from '../../packages/core/src/options/option-names.js';
import type { TypicalConfiguration } from '../content/batch-systems.js';
import { code, generatedPage, inline, table } from './markdown.js';
import { optionRows, optionTable } from './schema-table.js';

/** The page of the options every backend takes, from core's schema and its TSDoc. */
export function commonOptionsPage(documentation: ReadonlyMap<string, string> | undefined): string {
  const rows = optionRows(CommonOptionsSchema, documentation);
  const clusterWide = new Set<string>(clusterOptionNames);
  const body = [
    '# Options every backend takes',
    'Options resolve as: explicit → `preset` → the backend\'s section of `jobqueue.yaml` (`$JQ_CONFIG`, else `~/.config/jobqueue/jobqueue.yaml`, else dask-jobqueue\'s file) → the defaults below. ' +
      'All are validated at once: a `ConfigError` ([`JQ_CONFIG_INVALID`](./troubleshooting.md#JQ_CONFIG_INVALID)) lists every bad option with its value, what is expected and the nearest valid name.',
    'Options marked *cluster-wide* belong to the whole cluster; the others can differ per pool (`pools: { gpu: { … } }`).',
    optionTable(rows, (row) => (clusterWide.has(row.name) ? ' *Cluster-wide.*' : '')),
    'Each batch system adds its own: see its page under *Batch systems*.',
  ];
  return generatedPage('Options', '@jq/core (CommonOptionsSchema)', body.join('\n\n'));
}

/** `jobScriptPrologue` → `job-script-prologue`, checked against core's own reading rule. */
function yamlKey(option: string): string {
  const kebab = option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  if (camelCase(kebab) !== option) throw new Error(`[jq/docs] core reads "${kebab}" as "${camelCase(kebab)}", not "${option}"`);
  return kebab;
}

/** The keys of a dask-jobqueue file that are read as another option here (also included by the guide). */
export function daskAliasTable(): string {
  return table(
    ['key in dask-jobqueue\'s file', 'read here as'],
    Object.entries(daskOptionAliases).map(([dask, ours]) => [code(yamlKey(dask)), code(ours)]),
  );
}

/** dask-jobqueue's names beside ours, from core's translation tables and the schemas. */
export function daskNamesPage(configurations: readonly TypicalConfiguration[]): string {
  const backendsOf = new Map<string, string[]>();
  for (const { backend } of configurations) {
    for (const option of Object.keys(backend.options.properties)) backendsOf.set(option, [...new Set([...(backendsOf.get(option) ?? []), backend.title])]);
  }
  const common = Object.keys(CommonOptionsSchema.properties);
  const own = [...backendsOf.keys()].filter((option) => !common.includes(option)).sort();
  const allRows = [...common, ...own].map((option) => [
    code(option),
    code(yamlKey(option)),
    code(option.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)),
    common.includes(option) ? 'all' : inline((backendsOf.get(option) ?? []).join(', ')),
  ]);
  const onlyRows = Object.entries(daskOnlyKeys).map(([dask, why]) => [code(yamlKey(dask)), inline(why)]);
  const body = [
    '# dask-jobqueue names',
    'A key of a `jobqueue.yaml` section is read in camelCase: `job-script-prologue`, `job_script_prologue` and `jobScriptPrologue` are the same option. ' +
      'In TypeScript, write the camelCase name; a dask-jobqueue spelling there is refused with the name to use instead.',
    '## Names that differ',
    'Read from dask-jobqueue\'s own file, these keys become the option on the right. As in dask-jobqueue, an older name counts only when its replacement is not set. ' +
      '(In dask-jobqueue, `name` in the config file is the batch job name; here `name` names the cluster.)',
    daskAliasTable(),
    '## dask-jobqueue settings with no equivalent',
    'Read from a dask-jobqueue file, these are named once in a notice (`cluster.notices`) and ignored; they never fail.',
    table(['dask-jobqueue key', 'why'], onlyRows),
    '## Every option',
    table(['TypeScript', '`jobqueue.yaml` key', 'snake_case (also read)', 'backends'], allRows),
  ];
  return generatedPage('dask-jobqueue names', '@jq/core (daskOptionAliases, daskOnlyKeys, camelCase) and every backend\'s schema', body.join('\n\n'));
}
