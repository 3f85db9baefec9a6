import { type AnyBackend, ConfigError, type ConfigIssue, locateConfig, mergeOptionSources, resolveOptions } from '@jq/core';
import { backendByName } from './backend-catalog.js';
import { presetsOf } from './preset-loader.js';

/** One option a config file or preset sets wrongly, and how to put it right. */
export interface SettingsProblem {
  /** The file and section (`/home/me/.config/jobqueue/jobqueue.yaml: jobqueue.slurm`) or `preset <package>:<export>`. */
  source: string;
  backend: string;
  path: string;
  value: unknown;
  problem: string;
  fix: string;
}

/** What `doctor` found in the config files and presets. */
export interface SettingsFindings {
  /** The config files options would come from (none: schema defaults only). */
  configFiles: string[];
  /** The presets checked, `<package>:<export>` for `<backend>`. */
  presets: Array<{ preset: string; backend: string }>;
  problems: SettingsProblem[];
}

/**
 * Validates what a cluster would read besides its explicit options: the config file's
 * section of each backend in `backendNames`, and the presets `given.preset` names (a
 * package: every one it exports), each with core's own rules (as `script` and `up` would). Only values the file or preset
 * set are reported: a missing `cores` is the command line's to give.
 */
export async function checkSettings(backendNames: string[], given: { config?: string; preset?: string }): Promise<SettingsFindings> {
  const config = given.config;
  const configFiles = locateConfig(config).map((source) => source.path);
  const problems: SettingsProblem[] = [];
  if (configFiles.length > 0) {
    for (const name of backendNames) problems.push(...issuesOf(await backendByName(name), { ...(config === undefined ? {} : { config }) }, undefined));
  }
  const presets: SettingsFindings['presets'] = [];
  if (given.preset !== undefined) {
    for (const [reference, preset] of await presetsOf(given.preset)) {
      presets.push({ preset: reference, backend: preset.backend.name });
      const backend = await backendByName(preset.backend.name);
      problems.push(...issuesOf(backend, { config: false, preset: preset.options as Record<string, unknown> }, `preset ${reference}`));
    }
  }
  // A problem of the file itself (a misspelt section) is found once per backend: reported once.
  const unique = new Map(problems.map((problem) => [`${problem.source}\0${problem.path}\0${problem.problem}`, problem]));
  return { configFiles, presets, problems: [...unique.values()] };
}

/** The issues of the options `sources` give `backend`, only for the values they set. */
function issuesOf(backend: AnyBackend, sources: { config?: string | false; preset?: Record<string, unknown> }, presetName: string | undefined): SettingsProblem[] {
  const problem = (issue: ConfigIssue, source: string): SettingsProblem => ({ source, backend: backend.name, path: issue.path, value: issue.value, problem: issue.message, fix: fixFor(issue, source) });
  let merged: ReturnType<typeof mergeOptionSources>;
  try {
    merged = mergeOptionSources({}, backend, sources);
  } catch (error) {
    // The file itself is wrong (unreadable YAML, unknown keys): every issue is its own.
    if (!ConfigError.isInstance(error)) throw error;
    return (error as ConfigError).issues.map((issue) => problem(issue, issue.source ?? 'the config file'));
  }
  try {
    resolveOptions(merged.options, backend);
    return [];
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    return (error as ConfigError).issues.flatMap((issue) => {
      const origin = merged.origins[topKey(issue.path)];
      if (origin === undefined) return [];
      return [problem(issue, origin === 'preset' && presetName !== undefined ? presetName : origin)];
    });
  }
}

function topKey(path: string): string {
  return path.split(/[.[]/)[0] ?? '';
}

/** The edit that makes `issue` go away, in the place that holds the value. */
export function fixFor(issue: ConfigIssue, where: string): string {
  const suggestion = /did you mean `?([^`?\s]+)`?\?/.exec(issue.message)?.[1];
  if (suggestion !== undefined) return `in ${where}, rename ${issue.path} to ${suggestion}`;
  if (issue.message.startsWith('is not a known option')) return `in ${where}, remove ${issue.path}: no option of that name exists`;
  return `in ${where}, change ${issue.path} (now ${JSON.stringify(issue.value)}): it ${issue.message}`;
}
