import { closest, distance } from 'fastest-levenshtein';

/**
 * dask-jobqueue's names whose equivalent here has another name: a user coming from
 * Python writes them in options and finds them in their `jobqueue.yaml`.
 */
export const daskOptionAliases: Readonly<Record<string, string>> = {
  project: 'account',
  name: 'jobName',
  envExtra: 'jobScriptPrologue',
  jobExtra: 'jobExtraDirectives',
  extra: 'workerExtraArgs',
  headerSkip: 'jobDirectivesSkip',
};

/** dask-jobqueue keys that have no equivalent here, with why: named once in a notice, never an error. */
export const daskOnlyKeys: Readonly<Record<string, string>> = {
  python: 'workers run on Node.js here',
  workerCommand: 'the scheduler decides the worker command',
  schedulerOptions: 'scheduler options go to the scheduler (EngineScheduler or DaskScheduler)',
  sharedTempDirectory: 'TLS material is made per cluster in a private directory',
  nanny: 'workers are supervised by their job',
  protocol: 'the scheduler decides the protocol',
  memoryPerCorePropertyName: 'OAR is not a backend of this project',
};

/** `local_directory` and `local-directory` → `localDirectory`. */
export function camelCase(key: string): string {
  return key.replace(/[-_]+([a-zA-Z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * The option a user probably meant by `name`: its camelCase spelling, its dask-jobqueue
 * equivalent, or the nearest known name; with the Python name when it came from dask.
 */
export function suggestOption(name: string, known: readonly string[]): string | undefined {
  const camel = camelCase(name);
  const alias = daskOptionAliases[camel];
  if (alias !== undefined && known.includes(alias)) return `\`${alias}\` (dask-jobqueue: ${name})`;
  if (camel !== name && known.includes(camel)) return `\`${camel}\``;
  if (known.length === 0) return undefined;
  const nearest = closest(camel, [...known]);
  return distance(camel.toLowerCase(), nearest.toLowerCase()) <= Math.max(2, Math.floor(nearest.length / 3)) ? `\`${nearest}\`` : undefined;
}
