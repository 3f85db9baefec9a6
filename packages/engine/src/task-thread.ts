import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import type { RemoteError, TaskOutcome, TaskSpec } from '@jq/core';
import { encodeTransferableFrame, framePrefixBytes } from './protocol/protocol-codec.js';
import { encodedSizeAtLeast, findUnsendable } from './protocol/protocol-values.js';

/** What a thread returns for one task: a protocol outcome that always carries its `duration` (seconds). */
export type ThreadOutcome = TaskOutcome & { duration: number };

/** What a thread is started with. */
export interface ThreadData {
  /** The scheduler's frame limit: a result surely larger is refused here, before it is copied. */
  maxResultBytes: number;
}

const maxResultBytes = (workerData as ThreadData | undefined)?.maxResultBytes ?? Number.POSITIVE_INFINITY;

/** Main → thread: tasks to run one after the other, in order. */
export interface ThreadRequest {
  tasks: TaskSpec[];
}

/** An outcome the thread encoded itself, as a whole `results` frame (moved, not copied, to the main thread). */
export interface EncodedOutcome {
  taskId: string;
  duration: number;
  frame: Uint8Array;
}

/** Thread → main: outcomes of the tasks that finished, in order, small ones as values and large ones encoded. */
export interface ThreadReply {
  outcomes: ThreadOutcome[];
  encoded: EncodedOutcome[];
}

/** Results at least this large are encoded here: one copy fewer of a big value in the worker's memory. */
const encodeInThreadBytes = 1024 * 1024;

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
    const size = encodedSizeAtLeast(value);
    if (size > maxResultBytes) return tooLarge(task.taskId, size, duration());
    return { taskId: task.taskId, ok: true, value, duration: duration() };
  } catch (error) {
    return { taskId: task.taskId, ok: false, error: describe(error, task.kind), duration: duration() };
  }
}

function tooLarge(taskId: string, size: number, seconds: number): ThreadOutcome {
  const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
  const message = `the task's result is too large: ${megabytes(size)} > limit ${megabytes(maxResultBytes)} (raise the scheduler option maxFrameBytes, or return less)`;
  return { taskId, ok: false, error: { name: 'TooLargeError', message }, duration: seconds, fault: { kind: 'too-large', size, limit: maxResultBytes } };
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

/**
 * Posts outcomes. A large result is encoded into its frame here and its bytes are moved to
 * the main thread; a value the structured clone refuses becomes an error naming what it was.
 */
function post(finished: ThreadOutcome[]): void {
  if (finished.length === 0) return;
  const outcomes: ThreadOutcome[] = [];
  const encoded: EncodedOutcome[] = [];
  for (const outcome of finished) {
    if (!outcome.ok || encodedSizeAtLeast(outcome.value) < encodeInThreadBytes) outcomes.push(outcome);
    else encoded.push(encodeLarge(outcome));
  }
  const transfer = encoded.map((item) => item.frame.buffer as ArrayBuffer);
  try {
    parentPort?.postMessage({ outcomes, encoded } satisfies ThreadReply, transfer);
  } catch {
    parentPort?.postMessage({ outcomes: outcomes.map(cloneable), encoded } satisfies ThreadReply, transfer);
  }
}

function encodeLarge(outcome: ThreadOutcome): EncodedOutcome {
  const { taskId, duration } = outcome;
  let frame: Uint8Array;
  try {
    frame = encodeTransferableFrame({ type: 'results', results: [outcome] });
  } catch (error) {
    const message = `[jq/engine] the task's result cannot be encoded: ${error instanceof Error ? error.message : String(error)}`;
    frame = encodeTransferableFrame({ type: 'results', results: [{ taskId, ok: false, error: { name: 'TypeError', message }, duration }] });
  }
  if (frame.length - framePrefixBytes > maxResultBytes) frame = encodeTransferableFrame({ type: 'results', results: [tooLarge(taskId, frame.length - framePrefixBytes, duration)] });
  return { taskId, duration, frame };
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
