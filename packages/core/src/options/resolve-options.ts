import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Value from 'typebox/value';
import type { AnyBackend, SiteInputs } from '../contracts/backend-v1.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { ResolvedOptionsOf } from './backend-options.js';
import { mergeOptionSchemas, type ResolvedOptions } from './common-options.js';
import { parseMemory } from './memory.js';
import { defaultProcesses } from './processes.js';
import { schemaIssues } from './schema-issues.js';
import { findUnsafeText, plainWordIssue } from './safety.js';
import { clusterNamePattern } from '../journal/journal-paths.js';
import { sshSettingIssues } from './ssh-option.js';
import { parseWalltime } from './walltime.js';

/** The parts of a backend that options resolution uses. */
export type OptionsBackend = Pick<AnyBackend, 'packageName'> & Partial<Pick<AnyBackend, 'title' | 'options' | 'checkOptions' | 'resolveOptions' | 'nodeLauncher'>>;

/** What {@link resolveOptions} gives for `B`: a full backend's resolved options, else the common ones. */
export type ResolvedFor<B extends OptionsBackend> = B extends AnyBackend ? ResolvedOptionsOf<B> : ResolvedOptions & Record<string, unknown>;

const noSite: SiteInputs = { environment: {}, files: new Map() };

/**
 * Validates `input` against the common and backend schemas and the rules neither can
 * say, all in one pass (one {@link ConfigError} lists every problem), then applies the
 * schemas' defaults and derives sizes, splits and lifetimes once.
 */
export function resolveOptions<B extends OptionsBackend>(input: unknown, backend: B, site: SiteInputs = noSite): ResolvedFor<B> {
  const schema = mergeOptionSchemas(backend.options);
  const issues: ConfigIssue[] = [...schemaIssues(schema, input), ...findUnsafeText(input)];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ConfigError(backend.packageName, issues);
  const options = Value.Default(schema, structuredClone(input)) as Record<string, unknown>;
  const report = reporter(issues, options);

  const memory = parseMemory(options.memory as string | number);
  if (options.memory !== undefined && memory === undefined) {
    report('memory', 'must be a positive size like "108GB", "4GiB", "512 MB" or a number of bytes');
  }
  const walltime = options.walltime === undefined ? undefined : parseWalltime(options.walltime as string | number);
  if (options.walltime !== undefined && walltime === undefined) {
    report('walltime', 'must be HH:MM:SS, D-HH:MM:SS, MM:SS or a positive number of minutes');
  }
  for (const key of ['jobName', 'queue', 'account', 'interface', 'schedulerInterface'] as const) {
    const issue = plainWordIssue(options[key]);
    if (issue) report(key, issue);
  }
  if (typeof options.name === 'string' && !clusterNamePattern.test(options.name)) {
    report('name', 'must use only letters, digits, ".", "_" and "-", starting with a letter or digit (it names files and workers)');
  }
  if (options.ssh !== undefined) for (const issue of sshSettingIssues(options.ssh)) report(issue.path, issue.message, issue.value);
  if (typeof options.shebang === 'string' && !options.shebang.startsWith('#!')) report('shebang', 'must start with "#!"');
  for (const key of Object.keys(isRecord(options.env) ? options.env : {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) report(`env.${key}`, 'must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*)');
  }
  if (typeof options.nodes === 'number' && options.nodes > 1 && backend.nodeLauncher === undefined) {
    report('nodes', `must be 1: ${backend.title ?? backend.packageName} jobs cannot start a worker on each of several nodes`);
  }
  const cores = options.cores as number;
  const processes = (options.processes as number | undefined) ?? (Number.isInteger(cores) && cores > 0 ? defaultProcesses(cores) : 1);
  if (Number.isInteger(cores) && processes > cores) report('processes', `must not exceed cores (${cores})`);
  if (memory !== undefined && memory < processes) report('memory', `must give each of the ${processes} worker processes at least one byte`);
  try {
    for (const issue of backend.checkOptions?.(options as never) ?? []) report(issue.path, issue.message, issue.value);
  } catch {
    // A backend rule may trip over a value of the wrong type; the schema has already reported that value.
  }
  if (issues.length > 0) throw new ConfigError(backend.packageName, issues);

  const name = (options.name as string | undefined) ?? `jq-${randomBytes(3).toString('hex')}`;
  const resolved = {
    ...options,
    name,
    memory: memory as number,
    processes,
    threads: Math.max(1, Math.floor(cores / processes)),
    memoryPerProcess: Math.floor((memory as number) / processes),
    scriptDirectory: (options.scriptDirectory as string | undefined) ?? join(tmpdir(), `jobqueue-${process.getuid?.() ?? 'user'}`, name),
  } as Record<string, unknown>;
  for (const key of ['walltime', 'lifetime', 'lifetimeStagger', 'walltimeMargin']) delete resolved[key];
  Object.assign(resolved, lifetimeFor(walltime, options));
  const common = resolved as ResolvedOptions & Record<string, unknown>;
  return (backend.resolveOptions ? backend.resolveOptions(common as never, site) : common) as ResolvedFor<B>;
}

/** Adds an issue unless its path already has one (the schema's message comes first). */
function reporter(issues: ConfigIssue[], options: Record<string, unknown>) {
  const reported = new Set(issues.map((issue) => issue.path));
  return (path: string, message: string, value: unknown = options[path]) => {
    if (reported.has(path)) return;
    reported.add(path);
    issues.push({ path, value, message });
  };
}

/**
 * Workers retire before the walltime kills them: lifetime = walltime − margin, with a
 * stagger so a whole pool does not leave at once. An explicit `lifetime` wins.
 */
function lifetimeFor(
  walltime: number | undefined,
  options: Record<string, unknown>,
): Pick<ResolvedOptions, 'walltime' | 'lifetime' | 'lifetimeStagger'> {
  const explicit = options.lifetime as number | undefined;
  const margin = (options.walltimeMargin as number | undefined) ?? (walltime === undefined ? 0 : clamp(walltime * 0.1, 30, 600));
  const lifetime = explicit ?? (walltime === undefined ? undefined : Math.max(1, Math.floor(walltime - margin)));
  if (lifetime === undefined) return walltime === undefined ? {} : { walltime };
  const stagger = (options.lifetimeStagger as number | undefined) ?? Math.min(300, Math.floor(lifetime * 0.05));
  return { ...(walltime === undefined ? {} : { walltime }), lifetime, lifetimeStagger: Math.min(stagger, Math.floor(margin) || stagger) };
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
