import type { SchedulerMessage, WorkerMessage } from '@jq/core';
import { clientChecks, schedulerToClientChecks, type ClientMessage, type SchedulerToClientMessage } from './protocol-client.js';
import { anyOf, anything, arrayOf, boolean, bytes, integer, isObject, literal, number, object, string, type Check } from './protocol-checks.js';

/** A decoded value checked against the protocol: the message, or why it was refused. */
export type Checked<M> = { message: M } | { violation: 'unknown' | 'malformed'; detail: string };

const strings = arrayOf(string());
const timeout = number({ exclusiveMinimum: 0 });
const remoteError = object({ name: string(), message: string() }, { stack: string() });
const duration = number({ minimum: 0 });
const fault = object(
  { kind: anyOf(literal('memory'), literal('timeout'), literal('thread-exit'), literal('too-large')) },
  { rss: number({ minimum: 0 }), size: number({ minimum: 0 }), limit: number({ minimum: 0 }) },
);
const taskSpec = anyOf(
  object({ taskId: string(), kind: literal('module'), module: string(), export: string(), args: arrayOf(anything) }, { timeout }),
  object({ taskId: string(), kind: literal('function'), source: string(), args: arrayOf(anything) }, { timeout }),
);
const taskOutcome = anyOf(
  object({ taskId: string(), ok: literal(true), value: anything }, { duration }),
  object({ taskId: string(), ok: literal(false), error: remoteError }, { duration, fault }),
);
const timings = object({ processStart: number({ minimum: 0 }), modulesLoaded: number({ minimum: 0 }), connected: number({ minimum: 0 }) });

/** What a worker may send, by message type (the fields besides `type`). */
const workerChecks: Record<WorkerMessage['type'], Check> = {
  auth: object({ response: bytes }),
  register: object(
    { name: string(1), jobKey: string(), threads: integer({ minimum: 1 }), memoryLimit: number({ minimum: 0 }), pid: integer(), host: string() },
    { pool: string(), timings, gpus: integer({ minimum: 0 }), lifetimeLeft: number({ minimum: 0 }) },
  ),
  results: object({ results: arrayOf(taskOutcome) }),
  heartbeat: object({ rss: number({ minimum: 0 }), cpu: number({ minimum: 0 }), running: integer({ minimum: 0 }), paused: boolean }),
  release: object({ taskIds: strings }),
  pong: object({}),
  close: object({ reason: string() }),
};

/** What the scheduler may send, by message type. */
const schedulerChecks: Record<SchedulerMessage['type'], Check> = {
  challenge: object({ version: literal(1), nonce: bytes }),
  welcome: object({ heartbeatInterval: number({ minimum: 0 }), maxFrameBytes: integer({ minimum: 1 }) }),
  run: object({ tasks: arrayOf(taskSpec) }),
  cancel: object({ taskIds: strings }),
  retire: object({}),
  ping: object({}),
  close: object({ reason: string() }),
};

/** Checks a value a worker sent against the protocol. */
export function checkWorkerMessage(value: unknown): Checked<WorkerMessage> {
  return checkMessage<WorkerMessage>(value, workerChecks);
}

/** Checks a value the scheduler sent against the protocol. */
export function checkSchedulerMessage(value: unknown): Checked<SchedulerMessage> {
  return checkMessage<SchedulerMessage>(value, schedulerChecks);
}

const peerChecks: Record<string, Check> = { ...workerChecks, ...clientChecks };

/** Checks what a peer of the scheduler sent: a worker's message, or a client's (`Client.connect`). */
export function checkPeerMessage(value: unknown): Checked<WorkerMessage | ClientMessage> {
  return checkMessage<WorkerMessage | ClientMessage>(value, peerChecks);
}

/** Checks a value the scheduler sent a client. */
export function checkSchedulerToClient(value: unknown): Checked<SchedulerToClientMessage> {
  return checkMessage<SchedulerToClientMessage>(value, schedulerToClientChecks);
}

function checkMessage<M>(value: unknown, checks: Record<string, Check>): Checked<M> {
  const type = isObject(value) ? value.type : undefined;
  // Own keys only: `constructor` or `toString` are not message types.
  if (typeof type !== 'string' || !Object.hasOwn(checks, type)) return { violation: 'unknown', detail: `unknown message type ${JSON.stringify(type)}` };
  const problem = (checks[type] as Check)(value);
  if (problem === undefined) return { message: value as M };
  return { violation: 'malformed', detail: `${type}: ${problem.trimStart()}` };
}
