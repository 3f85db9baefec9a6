import type { ChallengeMessage, CloseMessage, PingMessage, PongMessage, AuthMessage, PoolShape, WorkerInfo } from '@jq/core';
import { anyOf, anything, arrayOf, boolean, bytes, integer, literal, number, object, recordOf, string, type Check } from './protocol-checks.js';

/**
 * The client side of the engine's protocol: a `Client` in another process than its
 * scheduler (`Client.connect`) speaks it on the workers' port, after the same HMAC
 * challenge. It is the engine's own (core's worker protocol does not cover clients).
 */

/** Resources a task needs on its worker (all optional; memory in bytes). */
export interface TaskResources {
  gpus?: number;
  cores?: number;
  memory?: number;
}

/** One task a client submits; `id` is the client's own, the scheduler answers with it. */
export interface ClientTask {
  id: string;
  spec: { kind: 'module'; module: string; export: string; args: unknown[] } | { kind: 'function'; source: string; args: unknown[] };
  timeout?: number;
  retryOnTimeout?: boolean;
  resources?: TaskResources;
  /** Seconds the task needs: only a worker with that much lifetime left takes it. */
  timeRequest?: number;
  pool?: string;
}

/** An error as it travels to the client. */
export interface ClientError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  /** A task's own error (a `TaskError`): its name and stack on the worker. */
  remoteName?: string;
  remoteStack?: string;
}

/** How one submitted task ended. */
export type ClientOutcome = { id: string; ok: true; value: unknown } | { id: string; ok: false; error: ClientError };

/** Client → scheduler, after auth: this connection is a client, not a worker. */
export interface ClientHelloMessage { type: 'client-hello' }
export interface SubmitMessage { type: 'submit'; tasks: ClientTask[] }
export interface ClientCancelMessage { type: 'cancel-tasks'; ids: string[]; reason?: string }
/** Scheduler → client: accepted; its frame limit and the workers now. */
export interface ClientWelcomeMessage { type: 'client-welcome'; maxFrameBytes: number; workers: WorkerInfo[] }
export interface SettledMessage { type: 'settled'; outcomes: ClientOutcome[] }
export interface WorkersMessage { type: 'workers'; workers: WorkerInfo[] }

/**
 * What a cluster manager in another process than its scheduler (core's `placement:
 * 'scheduler-job'`) asks the scheduler, so that it can adapt and drain: the scheduler's
 * answers to `adaptiveTarget`, `workerQuery` and `retireWorkers`, and the pools `setPools` tells it.
 */
export type ControlRequest =
  | { kind: 'adaptive-target'; targetDuration?: number }
  | { kind: 'worker-query'; targetDuration: number }
  | { kind: 'retire-workers'; names: string[] }
  | { kind: 'set-pools'; pools: PoolShape[] };
/** Client → scheduler: a {@link ControlRequest}; `id` is the client's, the reply carries it. */
export interface ControlMessage { type: 'control'; id: number; request: ControlRequest }
/** Scheduler → client: how a control request ended (`value`: a number of workers, workers per pool, or nothing). */
export type ControlReplyMessage = { type: 'control-reply'; id: number; ok: true; value?: number | Record<string, number> } | { type: 'control-reply'; id: number; ok: false; error: ClientError };

/** Every message a client may send. */
export type ClientMessage = AuthMessage | ClientHelloMessage | SubmitMessage | ClientCancelMessage | ControlMessage | PongMessage | CloseMessage;
/** Every message a scheduler may send a client. */
export type SchedulerToClientMessage = ChallengeMessage | ClientWelcomeMessage | SettledMessage | WorkersMessage | ControlReplyMessage | PingMessage | CloseMessage;

const positive = number({ exclusiveMinimum: 0 });
const count = number({ minimum: 0 });
const resources = object({}, { gpus: count, cores: count, memory: count });
const taskBody = anyOf(
  object({ kind: literal('module'), module: string(), export: string(), args: arrayOf(anything) }),
  object({ kind: literal('function'), source: string(), args: arrayOf(anything) }),
);
const clientTask = object({ id: string(1), spec: taskBody }, { timeout: positive, retryOnTimeout: boolean, resources, timeRequest: positive, pool: string(1) });
const workerInfo = object({ name: string(), jobKey: string(), status: string(), threads: integer({ minimum: 0 }), memoryLimit: count, runningTasks: count }, { pool: string(), host: string() });
const clientError = object({ name: string(), message: string() }, { code: string(), stack: string(), remoteName: string(), remoteStack: string() });

const poolShape = object(
  { name: string(1), processes: integer({ minimum: 1 }), threads: integer({ minimum: 1 }), memoryLimit: count, gpus: integer({ minimum: 0 }) },
  { lifetime: positive },
);
const controlRequest = anyOf(
  object({ kind: literal('adaptive-target') }, { targetDuration: count }),
  object({ kind: literal('worker-query'), targetDuration: count }),
  object({ kind: literal('retire-workers'), names: arrayOf(string()) }),
  object({ kind: literal('set-pools'), pools: arrayOf(poolShape) }),
);
const controlId = integer({ minimum: 0 });

/** What a client may send after auth, by type (`auth`, `pong`, `close` are checked as the worker's). */
export const clientChecks: Record<'client-hello' | 'submit' | 'cancel-tasks' | 'control', Check> = {
  'client-hello': object({}),
  submit: object({ tasks: arrayOf(clientTask) }),
  'cancel-tasks': object({ ids: arrayOf(string()) }, { reason: string() }),
  control: object({ id: controlId, request: controlRequest }),
};

/** What a scheduler may send a client, by type. */
export const schedulerToClientChecks: Record<SchedulerToClientMessage['type'], Check> = {
  challenge: object({ version: literal(1), nonce: bytes }),
  'client-welcome': object({ maxFrameBytes: integer({ minimum: 1 }), workers: arrayOf(workerInfo) }),
  settled: object({ outcomes: arrayOf(anyOf(object({ id: string(), ok: literal(true), value: anything }), object({ id: string(), ok: literal(false), error: clientError }))) }),
  workers: object({ workers: arrayOf(workerInfo) }),
  'control-reply': anyOf(object({ id: controlId, ok: literal(true) }, { value: anyOf(count, recordOf(count)) }), object({ id: controlId, ok: literal(false), error: clientError })),
  ping: object({}),
  close: object({ reason: string() }),
};
