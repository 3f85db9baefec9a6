import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { parentPort } from 'node:worker_threads';
import type { RemoteError, TaskOutcome, TaskSpec } from '@jq/core';
import { findUnsendable } from './protocol/protocol-values.js';

/** What a thread returns for one task: a protocol outcome that always carries its `duration` (seconds). */
export type ThreadOutcome = TaskOutcome & { duration: number };

/** Main → thread: tasks to run one after the other, in order. */
export interface ThreadRequest {
  tasks: TaskSpec[];
}

/** Thread → main: outcomes, in the order of the tasks. */
export interface ThreadReply {
  outcomes: ThreadOutcome[];
}

type TaskFunction = (...args: unknown[]) => unknown;

const compiled = new Map<string, TaskFunction>();
const modules = new Map<string, Promise<Record<string, unknown>>>();
/** Outcomes are posted at least this often (ms) while a batch runs, so slow tasks report one by one. */
const postInterval = 1;

/** Runs one task in this worker thread. Errors become outcomes, so the thread survives them. */
export async function runTask(task: TaskSpec): Promise<ThreadOutcome> {
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

let chain: Promise<void> = Promise.resolve();

/** Batches run one after the other; outcomes go back as they come, at least every {@link postInterval} ms. */
async function runBatch(tasks: TaskSpec[]): Promise<void> {
  let outcomes: ThreadOutcome[] = [];
  let lastPost = performance.now();
  for (const task of tasks) {
    outcomes.push(await runTask(task));
    const now = performance.now();
    if (now - lastPost >= postInterval) {
      post(outcomes);
      outcomes = [];
      lastPost = now;
    }
  }
  post(outcomes);
}

/** Posts outcomes; a value the structured clone refuses becomes an error naming what it was. */
function post(outcomes: ThreadOutcome[]): void {
  if (outcomes.length === 0) return;
  try {
    parentPort?.postMessage({ outcomes } satisfies ThreadReply);
  } catch {
    parentPort?.postMessage({ outcomes: outcomes.map(cloneable) } satisfies ThreadReply);
  }
}

function cloneable(outcome: ThreadOutcome): ThreadOutcome {
  if (!outcome.ok) return outcome;
  const problem = findUnsendable(outcome.value, 'result');
  if (problem === undefined) return outcome;
  const error = { name: 'TypeError', message: `[jq/engine] the task's result cannot be sent back: ${problem}` };
  return { taskId: outcome.taskId, ok: false, error, duration: outcome.duration };
}

parentPort?.on('message', (request: ThreadRequest) => {
  chain = chain.then(() => runBatch(request.tasks));
});

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
  if (!(error instanceof Error)) {
    // `throw 42` or `throw { code: 1 }`: say what was thrown, so "[object Object]" never reaches the user.
    const type =
      error === null || error === undefined ? String(error) : typeof error === 'object' ? `an object (${error.constructor?.name ?? 'no prototype'})` : `a ${typeof error}`;
    return { name: 'NonErrorThrown', message: `the task threw ${type}, not an Error: ${inspect(error, { depth: 2, breakLength: Infinity })}` };
  }
  let message = error.message;
  if (kind === 'function' && error instanceof ReferenceError) {
    message +=
      ' — a function sent with submit/map runs on the worker without its surrounding scope, so it may use only its arguments and globals; pass the value as an argument or use client.module() for code with imports';
  }
  return error.stack === undefined ? { name: error.name, message } : { name: error.name, message, stack: error.stack };
}
