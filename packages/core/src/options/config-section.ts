import { closest, distance } from 'fastest-levenshtein';
import type { ConfigIssue } from '../errors.js';
import { type ConfigSource, isRecord } from './config-file.js';
import { camelCase, daskOnlyKeys, daskOptionAliases } from './option-names.js';

/** Sections every jobqueue file may hold, whatever backend reads it now. */
const knownSections = ['local', 'slurm', 'pbs', 'torque', 'sge', 'lsf', 'moab', 'htcondor', 'oar'];

/** What a backend's section of the config files says. */
export interface SectionRead {
  /** Options, camelCase, `null`s dropped, dask-jobqueue names translated. */
  options: Record<string, unknown>;
  /** Option → where it came from (`<file>: jobqueue.slurm.job-extra`), for error messages. */
  origins: Record<string, string>;
  /** Keys read but ignored, each named once, with why. */
  notices: string[];
  /** Misspelt top-level keys and sections. */
  issues: ConfigIssue[];
}

/**
 * Reads `sections` (the backend's, strongest first; a stronger section wins key by key) from every source; a
 * stronger source wins key by key. A dask-jobqueue file's keys are translated to ours
 * (`name` → `jobName`, `env-extra` → `jobScriptPrologue` when there is no prologue, …)
 * and keys with no equivalent are named in a notice instead of failing.
 */
export function readConfigSection(sources: ConfigSource[], sections: readonly string[], knownOptions: readonly string[]): SectionRead {
  const read: SectionRead = { options: {}, origins: {}, notices: [], issues: [] };
  for (const source of [...sources].reverse()) {
    const root = rootOf(source, sections, read);
    if (!root) continue;
    // Strongest section last, so its keys win over a weaker section's (Torque's `torque` over dask's `pbs`).
    for (const name of [...sections].reverse()) {
      if (!isRecord(root[name])) continue;
      const where = `${source.path}: ${source.dialect === 'dask' || root !== source.document ? 'jobqueue.' : ''}${name}`;
      for (const [key, value] of translate(root[name], source.dialect, knownOptions, where, read.notices)) {
        read.options[key] = value;
        read.origins[key] = where;
      }
    }
  }
  return read;
}

/** The mapping of sections in `source`, checking the keys around them for misspellings. */
function rootOf(source: ConfigSource, sections: readonly string[], read: SectionRead): Record<string, unknown> | undefined {
  const document = source.document;
  if (document === null || document === undefined) return undefined;
  if (!isRecord(document)) {
    read.issues.push({ path: `config file ${source.path}`, value: document, message: 'must map backend names to option sections' });
    return undefined;
  }
  const nested = isRecord(document.jobqueue);
  const root = nested ? (document.jobqueue as Record<string, unknown>) : source.dialect === 'dask' ? undefined : document;
  if (!root) return undefined;
  const expected = [...new Set([...knownSections, ...sections])];
  for (const key of Object.keys(root)) {
    if (expected.includes(key) || (source.dialect === 'dask' && nested)) continue;
    const candidates = nested ? expected : ['jobqueue', ...expected];
    const nearest = closest(key, candidates);
    const close = distance(key, nearest) <= 2;
    if (close) read.issues.push({ path: `config file ${source.path}: ${nested ? 'jobqueue.' : ''}${key}`, value: key, message: `is not a section jobqueue reads; did you mean \`${nearest}\`?` });
    else read.notices.push(`${source.path}: section "${key}" is not a backend jobqueue knows; ignored`);
  }
  return root;
}

function translate(section: Record<string, unknown>, dialect: ConfigSource['dialect'], known: readonly string[], where: string, notices: string[]): Map<string, unknown> {
  const options = new Map<string, unknown>();
  const deprecated = new Map<string, unknown>();
  for (const [rawKey, value] of Object.entries(section)) {
    if (value === null) continue;
    const key = camelCase(rawKey);
    if (dialect === 'dask' && key === 'name') {
      // dask-jobqueue's `name` is the batch job name; ours names the cluster.
      options.set('jobName', value);
    } else if (dialect === 'jobqueue' || known.includes(key)) {
      options.set(key, value);
    } else if (daskOptionAliases[key] !== undefined) {
      deprecated.set(daskOptionAliases[key], value);
    } else if (daskOnlyKeys[key] !== undefined) {
      notices.push(`${where}.${rawKey} is a dask-jobqueue setting with no equivalent here (${daskOnlyKeys[key]}); ignored`);
    } else {
      options.set(key, value);
    }
  }
  // As in dask-jobqueue, an old name counts only when its replacement is empty.
  for (const [key, value] of deprecated) {
    const current = options.get(key);
    if (current === undefined || (Array.isArray(current) && current.length === 0)) options.set(key, value);
  }
  return options;
}
