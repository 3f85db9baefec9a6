import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TObject } from 'typebox';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { mergeOptionSchemas, type ResolvedOptions } from './common-options.js';
import { parseMemory } from './memory.js';
import { defaultProcesses } from './processes.js';
import { schemaIssues } from './schema-issues.js';
import { findUnsafeText, plainWordIssue } from './safety.js';
import { parseWalltime } from './walltime.js';

/** Validates `input` against the common and backend schemas and resolves it once. */
export function resolveOptions(
  input: unknown,
  backend: { packageName: string; options?: TObject },
): ResolvedOptions & Record<string, unknown> {
  const schema = mergeOptionSchemas(backend.options);
  const issues: ConfigIssue[] = [...schemaIssues(schema, input), ...findUnsafeText(input)];
  if (typeof input !== 'object' || input === null) throw new ConfigError(backend.packageName, issues);
  const options = input as Record<string, unknown>;
  const reported = new Set(issues.map((issue) => issue.path));
  const report = (path: string, message: string) => {
    if (!reported.has(path)) issues.push({ path, value: options[path], message });
    reported.add(path);
  };

  const memory = parseMemory(options.memory as string | number);
  if (options.memory !== undefined && memory === undefined) {
    report('memory', 'must be a positive size like "108GB", "4GiB", "512 MB" or a number of bytes');
  }
  const walltime = options.walltime === undefined ? undefined : parseWalltime(options.walltime as string | number);
  if (options.walltime !== undefined && walltime === undefined) {
    report('walltime', 'must be HH:MM:SS, D-HH:MM:SS, MM:SS or a positive number of minutes');
  }
  for (const key of ['jobName', 'queue', 'account', 'interface'] as const) {
    const issue = plainWordIssue(options[key]);
    if (issue) report(key, issue);
  }
  if (typeof options.name === 'string' && !/^[A-Za-z0-9_.-]+$/.test(options.name)) {
    report('name', 'must use only letters, digits, ".", "_" and "-" (it names files and workers)');
  }
  if (typeof options.shebang === 'string' && !options.shebang.startsWith('#!')) {
    report('shebang', 'must start with "#!"');
  }
  for (const key of Object.keys((options.env as Record<string, unknown> | undefined) ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) report(`env.${key}`, 'must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*)');
  }
  const cores = options.cores as number;
  const processes = (options.processes as number | undefined) ?? (Number.isInteger(cores) && cores > 0 ? defaultProcesses(cores) : 1);
  if (Number.isInteger(cores) && processes > cores) {
    report('processes', `must not exceed cores (${cores})`);
  }
  if (memory !== undefined && memory < processes) {
    report('memory', `must give each of the ${processes} worker processes at least one byte`);
  }
  if (issues.length > 0) throw new ConfigError(backend.packageName, issues);

  const name = (options.name as string | undefined) ?? `jq-${randomBytes(3).toString('hex')}`;
  const resolved: ResolvedOptions & Record<string, unknown> = {
    ...options,
    name,
    cores,
    memory: memory as number,
    processes,
    threads: Math.max(1, Math.floor(cores / processes)),
    memoryPerProcess: Math.floor((memory as number) / processes),
    jobName: (options.jobName as string | undefined) ?? 'jq-worker',
    jobScriptPrologue: (options.jobScriptPrologue as string[] | undefined) ?? [],
    jobScriptEpilogue: (options.jobScriptEpilogue as string[] | undefined) ?? [],
    jobExtraDirectives: (options.jobExtraDirectives as string[] | undefined) ?? [],
    jobDirectivesSkip: (options.jobDirectivesSkip as string[] | undefined) ?? [],
    workerExtraArgs: (options.workerExtraArgs as string[] | undefined) ?? [],
    env: (options.env as Record<string, string> | undefined) ?? {},
    shebang: (options.shebang as string | undefined) ?? '#!/usr/bin/env bash',
    deathTimeout: (options.deathTimeout as number | undefined) ?? 60,
    scriptDirectory: (options.scriptDirectory as string | undefined) ?? join(tmpdir(), `jobqueue-${process.getuid?.() ?? 'user'}`, name),
    pollInterval: (options.pollInterval as number | undefined) ?? 2,
    maxPollInterval: (options.maxPollInterval as number | undefined) ?? 30,
    lostGracePeriod: (options.lostGracePeriod as number | undefined) ?? 60,
    commandTimeout: (options.commandTimeout as number | undefined) ?? 60,
    commandAttempts: (options.commandAttempts as number | undefined) ?? 4,
    retireTimeout: (options.retireTimeout as number | undefined) ?? 60,
  };
  delete resolved.walltime;
  delete resolved.lifetime;
  delete resolved.lifetimeStagger;
  delete resolved.walltimeMargin;
  Object.assign(resolved, lifetimeFor(walltime, options));
  return resolved;
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
