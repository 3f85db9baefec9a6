import { SchedulerMessage, WorkerMessage } from '@jq/core';
import { Compile } from 'typebox/compile';

const workerMessage = Compile(WorkerMessage);
const schedulerMessage = Compile(SchedulerMessage);

const workerTypes = new Set(['auth', 'register', 'results', 'heartbeat', 'release', 'pong', 'close']);
const schedulerTypes = new Set(['challenge', 'welcome', 'run', 'cancel', 'retire', 'ping', 'close']);

/** A decoded value checked against the protocol: the message, or why it was refused. */
export type Checked<M> = { message: M } | { violation: 'unknown' | 'malformed'; detail: string };

/** Checks a value a worker sent against the compiled protocol schema. */
export function checkWorkerMessage(value: unknown): Checked<WorkerMessage> {
  if (workerMessage.Check(value)) return { message: value };
  return refuse(value, workerTypes, () => workerMessage.Errors(value));
}

/** Checks a value the scheduler sent against the compiled protocol schema. */
export function checkSchedulerMessage(value: unknown): Checked<SchedulerMessage> {
  if (schedulerMessage.Check(value)) return { message: value };
  return refuse(value, schedulerTypes, () => schedulerMessage.Errors(value));
}

function refuse(value: unknown, known: Set<string>, errors: () => { instancePath: string; message: string }[]): Checked<never> {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !known.has(type)) return { violation: 'unknown', detail: `unknown message type ${JSON.stringify(type)}` };
  const first = errors()[0];
  return { violation: 'malformed', detail: `${type}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}` };
}
