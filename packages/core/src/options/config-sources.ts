import type { AnyBackend } from '../contracts/backend-v1.js';
import { corePackageName } from '../core-package.js';
import { ConfigError } from '../errors.js';
import { locateConfig } from './config-file.js';
import { readConfigSection } from './config-section.js';
import { mergeOptionSchemas } from './common-options.js';

/** Where options come from besides the explicit ones, weakest last. */
export interface OptionSources {
  /** A site preset's options (see `definePreset`). */
  preset?: Readonly<Record<string, unknown>>;
  /**
   * A YAML config file; `false` skips config files. Default: `$JQ_CONFIG` (which must
   * exist), else `~/.config/jobqueue/jobqueue.yaml` when present, else dask-jobqueue's
   * own `jobqueue.yaml` (in `$DASK_CONFIG`, `~/.config/dask` or `/etc/dask`).
   */
  config?: string | false;
}

/** Options merged from every source, with where each came from. */
export interface MergedOptions {
  /** explicit → preset → config file. */
  options: Record<string, unknown>;
  /** Option → its source when it did not come from the caller: `preset`, or `<file>: jobqueue.slurm`. */
  origins: Record<string, string>;
  /** Things read and ignored, for a one-time notice. */
  notices: string[];
}

/**
 * Options in precedence order: explicit → preset → config file section → (defaults,
 * applied later). The backend's sections are read (`configSections`, default its name),
 * at the top level or under `jobqueue:`; keys may be camelCase or kebab-case, and
 * dask-jobqueue's names are understood.
 */
export function mergeOptionSources(
  explicit: Record<string, unknown>,
  backend: Pick<AnyBackend, 'name' | 'options' | 'configSections'>,
  sources: OptionSources = {},
): MergedOptions {
  const known = Object.keys(mergeOptionSchemas(backend.options).properties);
  const file = readConfigSection(locateConfig(sources.config), backend.configSections ?? [backend.name], known);
  if (file.issues.length > 0) throw new ConfigError(corePackageName, file.issues);
  const origins: Record<string, string> = { ...file.origins };
  for (const key of Object.keys(sources.preset ?? {})) origins[key] = 'preset';
  for (const key of Object.keys(explicit)) delete origins[key];
  return { options: { ...file.options, ...(sources.preset ?? {}), ...explicit }, origins, notices: file.notices };
}
