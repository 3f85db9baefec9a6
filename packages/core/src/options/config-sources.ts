import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { corePackageName } from '../core-package.js';
import { ConfigError } from '../errors.js';

/** Where options come from besides the explicit ones, weakest last. */
export interface OptionSources {
  /** A site preset's options (see `definePreset`). */
  preset?: Readonly<Record<string, unknown>>;
  /** A YAML config file; `false` skips it. Default: `$JQ_CONFIG` or `~/.config/jobqueue/jobqueue.yaml` when present. */
  config?: string | false;
}

/** The config file used when none is named. */
export function defaultConfigPath(): string {
  return process.env.JQ_CONFIG ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'jobqueue', 'jobqueue.yaml');
}

/**
 * Options in precedence order: explicit → preset → config file section → (defaults,
 * applied later). The file holds one section per backend (`slurm:`, `pbs:`, …), at
 * the top level or under `jobqueue:` as in dask-jobqueue's `jobqueue.yaml`; keys may
 * be camelCase or dask's kebab-case (`job-extra-directives`).
 */
export function mergeOptionSources(explicit: Record<string, unknown>, backendName: string, sources: OptionSources = {}): Record<string, unknown> {
  const path = sources.config === undefined ? defaultConfigPath() : sources.config;
  const fromFile = path === false || (sources.config === undefined && !existsSync(path)) ? {} : readSection(path, backendName);
  return { ...fromFile, ...(sources.preset ?? {}), ...explicit };
}

function readSection(path: string, backendName: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(corePackageName, [{ path: `config file ${path}`, value: undefined, message: `must be readable YAML: ${(error as Error).message}` }]);
  }
  const root = isRecord(document) && isRecord(document.jobqueue) ? document.jobqueue : document;
  if (root === null || root === undefined) return {};
  if (!isRecord(root)) throw new ConfigError(corePackageName, [{ path: `config file ${path}`, value: root, message: 'must map backend names to option sections' }]);
  const section = root[backendName];
  if (section === undefined || section === null) return {};
  if (!isRecord(section)) throw new ConfigError(corePackageName, [{ path: `config file ${path}: ${backendName}`, value: section, message: 'must be a mapping of options' }]);
  return Object.fromEntries(Object.entries(section).map(([key, value]) => [camelCase(key), value]));
}

function camelCase(key: string): string {
  return key.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
