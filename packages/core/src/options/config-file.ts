import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { corePackageName } from '../core-package.js';
import { ConfigError } from '../errors.js';

/** One YAML file of options: ours (`jobqueue.yaml`) or one of dask's (`~/.config/dask/*.yaml`). */
export interface ConfigSource {
  /** Where it was read from. */
  path: string;
  /** Whose format: dask-jobqueue's keys are translated, ours taken as they are. */
  dialect: 'jobqueue' | 'dask';
  /** The parsed document. */
  document: unknown;
}

/** Our config file when none is named: `$JQ_CONFIG`, else `~/.config/jobqueue/jobqueue.yaml`. */
export function defaultConfigPath(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.JQ_CONFIG ?? join(environment.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'jobqueue', 'jobqueue.yaml');
}

/**
 * The files options come from, strongest first. A named file (the `config` setting or
 * `$JQ_CONFIG`) must exist. Without one, our default file when present, else every
 * dask config file with a `jobqueue` key, as dask reads them: `$DASK_CONFIG` (or
 * `~/.config/dask`) over `/etc/dask`.
 */
export function locateConfig(named: string | false | undefined, environment: NodeJS.ProcessEnv = process.env): ConfigSource[] {
  if (named === false) return [];
  const explicit = named ?? environment.JQ_CONFIG;
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw fileError(explicit, 'does not exist', named === undefined ? ' (named by $JQ_CONFIG)' : '');
    return [read(explicit, 'jobqueue')];
  }
  const ours = defaultConfigPath(environment);
  if (existsSync(ours)) return [read(ours, 'jobqueue')];
  const userDirectory = environment.DASK_CONFIG ?? join(homedir(), '.config', 'dask');
  return [userDirectory, '/etc/dask']
    .flatMap((directory) => yamlFiles(directory))
    .map((path) => read(path, 'dask'))
    .filter((source) => isRecord(source.document) && source.document.jobqueue !== undefined);
}

function yamlFiles(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}

function read(path: string, dialect: ConfigSource['dialect']): ConfigSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileError(path, `could not be read: ${(error as Error).message}`);
  }
  try {
    return { path, dialect, document: parseYaml(text) };
  } catch (error) {
    throw fileError(path, `must be readable YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

function fileError(path: string, problem: string, detail = ''): ConfigError {
  return new ConfigError(corePackageName, [{ path: `config file ${path}${detail}`, value: undefined, message: problem }]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The YAML parser, loaded when a file is first read: its 70-odd modules would otherwise cost
 * every `jobqueue` command and every process importing core, most of which read no file.
 */
function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parse(text);
}
