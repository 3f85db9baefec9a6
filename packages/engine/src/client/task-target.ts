import { JobQueueError, type TaskSpec } from '@jq/core';
import type { Future } from './future.js';

/** Arguments of a task: each may be a value or a future of that value. */
export type TaskArguments<A extends unknown[]> = { [I in keyof A]: A[I] | Future<A[I]> };

const moduleTaskReference = Symbol.for('@jq/engine.module-task');

/** A typed handle on one exported function of a task module; calling it submits a task. */
export interface ModuleTask<A extends unknown[], R> {
  (...args: TaskArguments<A>): Future<Awaited<R>>;
  readonly [moduleTaskReference]: { module: string; export: string };
}

/** Every exported function of module `M`, as {@link ModuleTask}s. */
export type ModuleTasks<M> = {
  // `any[]` on purpose: a parameter list of `unknown[]` would not match functions with typed parameters.
  [K in keyof M as M[K] extends (...args: any[]) => unknown ? K : never]: M[K] extends (...args: infer A) => infer R ? ModuleTask<A, R> : never;
};

/** Something a task can run: a self-contained function or a module task. */
export type TaskTarget<A extends unknown[], R> = ((...args: A) => R) | ModuleTask<A, R>;

type TaskBody = TaskSpec extends infer S ? (S extends unknown ? Omit<S, 'taskId' | 'args'> : never) : never;

const sources = new WeakMap<object, string>();

/** The task body with its arguments, built field by field (a spread per task is slow in a 100,000-task map). */
export function withArguments(body: TaskBody, args: unknown[]): DistributiveOmitTaskId {
  return body.kind === 'function' ? { kind: 'function', source: body.source, args } : { kind: 'module', module: body.module, export: body.export, args };
}

type DistributiveOmitTaskId = TaskSpec extends infer S ? (S extends unknown ? Omit<S, 'taskId' | 'timeout'> : never) : never;

/** Builds a module task handle. */
export function createModuleTask<A extends unknown[], R>(
  module: string,
  exportName: string,
  submit: (target: ModuleTask<A, R>, args: TaskArguments<A>) => Future<Awaited<R>>,
): ModuleTask<A, R> {
  const task = ((...args: TaskArguments<A>) => submit(task, args)) as ModuleTask<A, R>;
  Object.defineProperty(task, moduleTaskReference, { value: { module, export: exportName } });
  return task;
}

/** The task body (without id and arguments) for a target. */
export function describeTarget(target: TaskTarget<never, unknown>): TaskBody {
  const reference = (target as Partial<ModuleTask<[], unknown>>)[moduleTaskReference];
  if (reference !== undefined) return { kind: 'module', module: reference.module, export: reference.export };
  return { kind: 'function', source: functionSource(target) };
}

/**
 * The source of a self-contained function, checked here so a function that cannot be
 * sent fails at submit time, not on the worker.
 */
function functionSource(target: object): string {
  const cached = sources.get(target);
  if (cached !== undefined) return cached;
  const source = Function.prototype.toString.call(target);
  const problem = /\{\s*\[native code\]\s*\}$/.test(source)
    ? 'it is a native or bound function'
    : /^class\b/.test(source)
      ? 'it is a class'
      : compiles(source)
        ? undefined
        : 'its source is not a function expression (object methods cannot be sent; use an arrow function)';
  if (problem !== undefined) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] cannot send this function to a worker: ${problem}; use client.module() for it`);
  }
  sources.set(target, source);
  return source;
}

function compiles(source: string): boolean {
  try {
    new Function(`return (${source});`);
    return true;
  } catch {
    return false;
  }
}
