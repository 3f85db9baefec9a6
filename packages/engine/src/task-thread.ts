import { performance } from 'node:perf_hooks';
import type { RemoteError, TaskOutcome, TaskSpec } from '@jq/core';

/** What a thread returns for one task: a protocol outcome that always carries its `duration` (seconds). */
export type ThreadOutcome = TaskOutcome & { duration: number };

type TaskFunction = (...args: unknown[]) => unknown;

const compiled = new Map<string, TaskFunction>();
const modules = new Map<string, Promise<Record<string, unknown>>>();

/** Runs one task in this worker thread. Errors become outcomes, so the thread survives them. */
export default async function runTask(task: TaskSpec): Promise<ThreadOutcome> {
  const started = performance.now();
  const duration = (): number => (performance.now() - started) / 1000;
  try {
    const run = task.kind === 'module' ? await loadExport(task.module, task.export) : compile(task.source);
    const value = await run(...task.args);
    return { taskId: task.taskId, ok: true, value, duration: duration() };
  } catch (error) {
    return { taskId: task.taskId, ok: false, error: describe(error, task.kind), duration: duration() };
  }
}

let typeScriptLoader: Promise<void> | undefined;

/**
 * Node 20 does not carry the process's `--import` loader hooks into worker threads, so
 * a TypeScript task module needs tsx registered in this thread. The specifier is a
 * variable so bundlers leave it alone: tsx is used only when it is installed.
 */
function loadTypeScriptSupport(): Promise<void> {
  const specifier = 'tsx/esm/api';
  typeScriptLoader ??= (import(specifier) as Promise<{ register: () => unknown }>).then(
    (api) => void api.register(),
    () => undefined,
  );
  return typeScriptLoader;
}

async function loadExport(url: string, name: string): Promise<TaskFunction> {
  let loading = modules.get(url);
  if (loading === undefined) {
    const ready = /\.[cm]?tsx?$/.test(new URL(url).pathname) ? loadTypeScriptSupport() : Promise.resolve();
    loading = ready.then(() => import(url) as Promise<Record<string, unknown>>);
    modules.set(url, loading);
  }
  const candidate = (await loading)[name];
  if (typeof candidate !== 'function') throw new TypeError(`[jq/engine] ${url} has no exported function "${name}"`);
  return candidate as TaskFunction;
}

function compile(source: string): TaskFunction {
  let run = compiled.get(source);
  if (run === undefined) {
    // Indirect construction: the function sees only globals, never this module's scope.
    run = new Function(`return (${source});`)() as TaskFunction;
    compiled.set(source, run);
  }
  return run;
}

function describe(error: unknown, kind: TaskSpec['kind']): RemoteError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  let message = error.message;
  if (kind === 'function' && error instanceof ReferenceError) {
    message +=
      ' — a function sent with submit/map runs on the worker without its surrounding scope, so it may use only its arguments and globals; pass the value as an argument or use client.module() for code with imports';
  }
  return error.stack === undefined ? { name: error.name, message } : { name: error.name, message, stack: error.stack };
}
