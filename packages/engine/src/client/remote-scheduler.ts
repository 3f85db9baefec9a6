import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { EventEmitter } from 'eventemitter3';
import { JobQueueError, type SchedulerEventsV1, type WorkerInfo } from '@jq/core';
import { proveSecret } from '../protocol/protocol-auth.js';
import type { ClientMessage, ClientOutcome, ClientTask, ControlReplyMessage, ControlRequest, SchedulerToClientMessage } from '../protocol/protocol-client.js';
import { encodeFrame } from '../protocol/protocol-codec.js';
import { ProtocolConnection } from '../protocol/protocol-connection.js';
import { checkSchedulerToClient } from '../protocol/protocol-validators.js';
import { findUnsendable } from '../protocol/protocol-values.js';
import { tooLargeError } from '../scheduler/scheduler-errors.js';
import type { TaskSubmission } from '../scheduler/scheduler-submission.js';
import type { TaskSettlement } from '../scheduler/scheduler-tasks.js';
import { receivedError } from './remote-errors.js';
import type { TaskScheduler } from './task-scheduler.js';

/** Where a scheduler of another process is and how to prove the right to use it. */
export interface RemoteTarget {
  /** The scheduler's address, `tcp://host:port` or `tls://host:port`. */
  address: string;
  /** **Secret.** The cluster's worker secret (`JQ_ENGINE_SECRET`); only an HMAC of it travels. */
  token: string;
  /** PEM certificate to verify a `tls://` scheduler against. */
  ca?: string;
  /** Seconds to wait for the scheduler to answer. Default 10. */
  timeout?: number;
}

/** An engine scheduler in another process, reached over the workers' port as a client. */
export class RemoteScheduler extends EventEmitter<SchedulerEventsV1> implements TaskScheduler {
  private readonly pending = new Map<string, (settlement: TaskSettlement) => void>();
  private readonly controls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextControlId = 0;
  private current: WorkerInfo[] = [];
  private nextId = 0;
  private maxFrameBytes = 0;
  private closed = false;
  private readonly lostListeners: Array<(why: string) => void> = [];

  private constructor(
    readonly address: string,
    private readonly connection: ProtocolConnection<SchedulerToClientMessage, ClientMessage>,
  ) {
    super();
  }

  /** Connects, authenticates and waits for the scheduler's welcome; rejects with a clear error when nothing answers or the token is refused. */
  static connect(target: RemoteTarget): Promise<RemoteScheduler> {
    const { hostname, port, protocol } = parseAddress(target.address);
    const socket: Socket =
      protocol === 'tls'
        ? connectTls({ host: hostname, port, minVersion: 'TLSv1.2', ...(target.ca === undefined ? {} : { ca: target.ca }) })
        : connectTcp({ host: hostname, port });
    const remote = new RemoteScheduler(target.address, new ProtocolConnection(socket, checkSchedulerToClient, 1024 * 1024 * 1024));
    return remote.handshake(target);
  }

  private handshake(target: RemoteTarget): Promise<RemoteScheduler> {
    const connection = this.connection;
    return new Promise((resolve, reject) => {
      const fail = (why: string, cause?: unknown): void => {
        clearTimeout(timer);
        connection.socket.destroy();
        reject(new JobQueueError('JQ_CLUSTER_NOT_FOUND', `[jq/engine] cannot use the scheduler at ${target.address}: ${why}`, cause === undefined ? undefined : { cause }));
      };
      const timer = setTimeout(() => fail(`no answer within ${target.timeout ?? 10} s`), (target.timeout ?? 10) * 1000);
      connection.socket.once('error', (error) => fail(`${error.message} (is its cluster still running? JobQueueCluster.attach(name) takes over a cluster whose owner died)`, error));
      connection.on('violation', (_kind, detail) => fail(`it sent a frame this client refuses (${detail}); is that an engine scheduler?`));
      connection.on('message', (message) => {
        if (message.type === 'challenge') return void connection.send({ type: 'auth', response: proveSecret(target.token, message.nonce) }), connection.send({ type: 'client-hello' });
        if (message.type === 'close' && this.maxFrameBytes === 0) return fail(message.reason === 'auth-failed' ? 'it refused the token' : `it closed the connection (${message.reason})`);
        if (message.type === 'client-welcome') {
          clearTimeout(timer);
          this.maxFrameBytes = message.maxFrameBytes;
          this.setWorkers(message.workers);
          connection.on('closed', () => this.lost());
          return resolve(this);
        }
        this.receive(message);
      });
    });
  }

  submitTasks(submissions: TaskSubmission[]): string[] {
    if (this.closed) throw new JobQueueError('JQ_CLUSTER_CLOSED', `[jq/engine] the connection to the scheduler at ${this.address} is closed`);
    const tasks: ClientTask[] = [];
    const ids = submissions.map((submission) => {
      const id = `r${(this.nextId++).toString(36)}`;
      const problem = findUnsendable(submission.spec.args, 'args');
      if (problem !== undefined) {
        submission.settle({ ok: false, error: new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] cannot send task ${id} to a worker: ${problem}`) });
        return id;
      }
      const { settle, ...task } = submission;
      tasks.push({ id, ...task });
      this.pending.set(id, settle);
      return id;
    });
    if (tasks.length === 0) return ids;
    const frame = encodeFrame({ type: 'submit', tasks });
    if (frame.length > this.maxFrameBytes) {
      const error = tooLargeError(`a submission of ${tasks.length} tasks is`, frame.length, this.maxFrameBytes);
      for (const task of tasks) this.settle({ id: task.id, ok: false, error: { name: error.name, message: error.message, code: error.code } });
    } else this.connection.sendFrame(frame);
    return ids;
  }

  cancelTasks(taskIds: string[], reason: Error): void {
    const ids = taskIds.filter((id) => this.pending.has(id));
    for (const id of ids) this.pending.get(id)?.({ ok: false, error: reason });
    for (const id of ids) this.pending.delete(id);
    if (ids.length > 0) this.connection.send({ type: 'cancel-tasks', ids, reason: reason.message });
  }

  workers(): WorkerInfo[] {
    return this.current;
  }

  /**
   * Asks the scheduler what a cluster manager asks it in-process (its adaptive target, a
   * worker query, to retire workers); resolves with its answer, rejects with its error.
   */
  control(request: ControlRequest): Promise<unknown> {
    if (this.closed) return Promise.reject(new JobQueueError('JQ_CLUSTER_CLOSED', `[jq/engine] the connection to the scheduler at ${this.address} is closed`));
    const id = this.nextControlId++;
    return new Promise((resolve, reject) => {
      this.controls.set(id, { resolve, reject });
      this.connection.send({ type: 'control', id, request });
    });
  }

  /** Calls `listener` once the connection ends, by either side or the network (after unfinished tasks were rejected). */
  onLost(listener: (why: string) => void): void {
    if (this.closed) listener('the connection was already lost');
    else this.lostListeners.push(listener);
  }

  /** Disconnects; unfinished tasks are cancelled on the scheduler and reject here. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.connection.end({ type: 'close', reason: 'client-closing' });
    this.lost('the client closed');
  }

  private receive(message: SchedulerToClientMessage): void {
    if (message.type === 'settled') for (const outcome of message.outcomes) this.settle(outcome);
    else if (message.type === 'workers') this.setWorkers(message.workers);
    else if (message.type === 'control-reply') this.controlReplied(message);
    else if (message.type === 'ping') this.connection.send({ type: 'pong' });
  }

  private settle(outcome: ClientOutcome): void {
    const settle = this.pending.get(outcome.id);
    if (settle === undefined) return;
    this.pending.delete(outcome.id);
    settle(outcome.ok ? { ok: true, value: outcome.value } : { ok: false, error: receivedError(outcome.error) });
  }

  private controlReplied(reply: ControlReplyMessage): void {
    const waiting = this.controls.get(reply.id);
    if (waiting === undefined) return;
    this.controls.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(receivedError(reply.error));
  }

  private setWorkers(workers: WorkerInfo[]): void {
    const before = new Map(this.current.map((worker) => [worker.name, worker]));
    this.current = workers;
    const now = new Set(workers.map((worker) => worker.name));
    for (const [name, worker] of before) if (!now.has(name)) this.emit('worker-removed', worker, 'gone');
    for (const worker of workers) if (!before.has(worker.name)) this.emit('worker-added', worker);
  }

  private lost(why = 'the connection was lost'): void {
    if (this.closed) return;
    this.closed = true;
    const error = new JobQueueError('JQ_CLUSTER_CLOSED', `[jq/engine] ${why} to the scheduler at ${this.address} before the task finished`);
    const settles = [...this.pending.values()];
    this.pending.clear();
    for (const settle of settles) settle({ ok: false, error });
    const controls = [...this.controls.values()];
    this.controls.clear();
    for (const waiting of controls) waiting.reject(new JobQueueError('JQ_CLUSTER_CLOSED', `[jq/engine] ${why} to the scheduler at ${this.address} before it answered`));
    for (const listener of this.lostListeners.splice(0)) listener(why);
  }
}

function parseAddress(address: string): { protocol: 'tcp' | 'tls'; hostname: string; port: number } {
  const match = /^(tcp|tls):\/\/(\[[^\]]+\]|[^:/\s]+):(\d{1,5})$/.exec(address);
  const port = Number(match?.[3]);
  if (match === null || !(port >= 1 && port <= 65_535)) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `[jq/engine] address: expected tcp://host:port or tls://host:port, got ${JSON.stringify(address)}`);
  }
  return { protocol: match[1] as 'tcp' | 'tls', hostname: (match[2] as string).replace(/^\[|\]$/g, ''), port };
}
