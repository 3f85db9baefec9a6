import { JobQueueError, type TaskError, type WorkerInfo } from '@jq/core';
import type { ClientError, ClientMessage, ClientOutcome, ClientTask, ControlMessage, SchedulerToClientMessage } from '../protocol/protocol-client.js';
import type { ProtocolConnection } from '../protocol/protocol-connection.js';
import { answerControl, type ControlHost } from './scheduler-control.js';
import type { TaskSubmission } from './scheduler-submission.js';
import type { TaskSettlement } from './scheduler-tasks.js';

/** What client connections need of the scheduler. */
export interface ClientHost extends ControlHost {
  readonly options: { readonly maxFrameBytes: number };
  submitTasks(submissions: TaskSubmission[]): string[];
  cancelTasks(taskIds: string[], reason: Error): void;
  workers(): WorkerInfo[];
}

type ClientConnection = ProtocolConnection<ClientMessage, SchedulerToClientMessage>;

/** Outcomes per `settled` frame: results of a large map go out in several frames, not one huge one. */
const outcomesPerFrame = 1000;

/**
 * The clients of other processes (`Client.connect`) connected to this scheduler: their
 * tasks, by the clients' own ids, and the worker lists they are kept up to date with.
 */
export class SchedulerClients {
  private readonly connections = new Set<ClientConnection>();
  private workersPending = false;

  constructor(private readonly host: ClientHost) {}

  /** Takes an authenticated connection that said `client-hello`; returns the handler of its further messages. */
  add(connection: ClientConnection): (message: ClientMessage) => void {
    const session = new ClientSession(connection, this.host);
    this.connections.add(connection);
    connection.setMaxFrameBytes(this.host.options.maxFrameBytes);
    connection.on('closed', () => {
      this.connections.delete(connection);
      session.closed();
    });
    connection.send({ type: 'client-welcome', maxFrameBytes: this.host.options.maxFrameBytes, workers: this.host.workers() });
    return (message) => session.receive(message);
  }

  /** Sends every client the new worker list, once per turn of the event loop. */
  workersChanged(): void {
    if (this.workersPending || this.connections.size === 0) return;
    this.workersPending = true;
    setImmediate(() => {
      this.workersPending = false;
      const workers = this.host.workers();
      for (const connection of this.connections) connection.send({ type: 'workers', workers });
    });
  }
}

class ClientSession {
  /** Unfinished tasks: the client's id → the scheduler's. */
  private readonly taskIds = new Map<string, string>();
  private outbox: ClientOutcome[] = [];
  private flushPending = false;
  private settledAtOnce: Set<string> | undefined;

  constructor(
    private readonly connection: ClientConnection,
    private readonly host: ClientHost,
  ) {}

  receive(message: ClientMessage): void {
    switch (message.type) {
      case 'submit':
        return this.submit(message.tasks);
      case 'cancel-tasks': {
        const ids = message.ids.flatMap((id) => this.taskIds.get(id) ?? []);
        return this.host.cancelTasks(ids, new JobQueueError('JQ_CANCELLED', `[jq/engine] cancelled by its client${message.reason === undefined ? '' : `: ${message.reason}`}`));
      }
      case 'control':
        return void this.control(message);
      case 'pong':
        return;
      case 'close':
        return this.connection.end();
      default:
        return this.connection.refuse('unexpected', `${message.type} from a client`);
    }
  }

  private async control(message: ControlMessage): Promise<void> {
    try {
      const value = await answerControl(this.host, message.request);
      if (!this.connection.isClosed) this.connection.send({ type: 'control-reply', id: message.id, ok: true, ...(value === undefined ? {} : { value }) });
    } catch (error) {
      if (!this.connection.isClosed) this.connection.send({ type: 'control-reply', id: message.id, ok: false, error: travellingError(error as Error) });
    }
  }

  /** The client is gone: nobody waits for its tasks any more. */
  closed(): void {
    const unfinished = [...this.taskIds.values()];
    this.taskIds.clear();
    this.host.cancelTasks(unfinished, new JobQueueError('JQ_CANCELLED', '[jq/engine] its client disconnected'));
  }

  private submit(tasks: ClientTask[]): void {
    const fresh = tasks.filter((task) => !this.taskIds.has(task.id));
    const submissions = fresh.map((task): TaskSubmission => {
      const { id, spec, ...limits } = task;
      return { spec, ...limits, settle: (settlement) => this.settled(id, settlement) };
    });
    // Tasks refused at once (bad arguments, no pool fits) settle inside submitTasks.
    const settledAtOnce = new Set<string>();
    this.settledAtOnce = settledAtOnce;
    try {
      const ids = this.host.submitTasks(submissions);
      fresh.forEach((task, index) => {
        const taskId = ids[index];
        if (taskId !== undefined && !settledAtOnce.has(task.id)) this.taskIds.set(task.id, taskId);
      });
    } catch (error) {
      for (const task of fresh) this.settled(task.id, { ok: false, error: error as Error });
    } finally {
      this.settledAtOnce = undefined;
    }
  }

  private settled(id: string, settlement: TaskSettlement): void {
    this.taskIds.delete(id);
    this.settledAtOnce?.add(id);
    if (this.connection.isClosed) return;
    this.outbox.push(settlement.ok ? { id, ok: true, value: settlement.value } : { id, ok: false, error: travellingError(settlement.error) });
    if (this.flushPending) return;
    this.flushPending = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushPending = false;
    const outcomes = this.outbox;
    this.outbox = [];
    for (let start = 0; start < outcomes.length; start += outcomesPerFrame) {
      this.connection.send({ type: 'settled', outcomes: outcomes.slice(start, start + outcomesPerFrame) });
    }
  }
}

function travellingError(error: Error): ClientError {
  const { code, remoteName, remoteStack } = error as Partial<TaskError>;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof remoteName === 'string' ? { remoteName } : {}),
    ...(typeof remoteStack === 'string' ? { remoteStack } : {}),
  };
}
