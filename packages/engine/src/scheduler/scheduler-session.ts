import type { RegisterMessage, SchedulerMessage, WorkerInfo, WorkerMessage } from '@jq/core';
import type { ProtocolConnection } from '../protocol/protocol-connection.js';
import type { ResourcesInUse, WorkerCapacity } from './scheduler-placement.js';
import type { TaskRecord } from './scheduler-tasks.js';

/** When a worker's start-up steps happened (wall-clock ms): from its process start to its registration. */
export interface WorkerStartup {
  name: string;
  jobKey: string;
  processStart: number;
  modulesLoaded: number;
  connected: number;
  registered: number;
}

/** Where a connection is in its life (`client`: a `Client.connect` client, not a worker). */
export type SessionPhase = 'challenged' | 'authenticated' | 'registered' | 'client' | 'refused';

/** One worker connection as the scheduler sees it. */
export class SchedulerSession {
  phase: SessionPhase = 'challenged';
  status: WorkerInfo['status'] = 'running';
  registration: RegisterMessage | undefined;
  /** Tasks sent to this worker and not yet answered, by id. */
  readonly assigned = new Map<string, TaskRecord>();
  /** Last frame received (ms, monotonic). */
  lastSeen: number;
  /** Reason the worker gave in its `close` message, if it sent one. */
  closeReason: string | undefined;
  rss = 0;
  cpu = 0;
  /** Tasks this worker answered: with a value, and otherwise (an error, a stop for memory or time). */
  tasksDone = 0;
  tasksFailed = 0;
  /** Wall-clock ms when it registered (for start-up timelines). */
  registeredAt = 0;
  /** When its lifetime runs out (ms, monotonic), when it reported a lifetime. */
  retireAt: number | undefined;

  constructor(
    readonly connection: ProtocolConnection<WorkerMessage, SchedulerMessage>,
    readonly nonce: Uint8Array,
    now: number,
  ) {
    this.lastSeen = now;
  }

  /** Tasks this worker can take now. */
  freeSlots(prefetch: number): number {
    if (this.phase !== 'registered' || this.status !== 'running' || this.registration === undefined) return 0;
    return Math.max(0, this.registration.threads + prefetch - this.assigned.size);
  }

  /** What it offers tasks with a demand; only valid once registered. */
  capacity(): WorkerCapacity {
    const registration = this.registration;
    return { pool: registration?.pool, threads: registration?.threads ?? 1, gpus: registration?.gpus ?? 0, memoryLimit: registration?.memoryLimit ?? 0, retireAt: this.retireAt };
  }

  /** Resources its tasks hold: a task without a demand holds one core. */
  inUse(): ResourcesInUse {
    const inUse = { cores: 0, gpus: 0, memory: 0 };
    for (const record of this.assigned.values()) {
      const demand = record.demand;
      if (demand === undefined) inUse.cores += 1;
      else {
        inUse.cores += demand.cores;
        inUse.gpus += demand.gpus;
        inUse.memory += demand.memory;
      }
    }
    return inUse;
  }

  /** Its start-up timeline, when it reported one. */
  startup(): WorkerStartup | undefined {
    const registration = this.registration;
    if (registration?.timings === undefined) return undefined;
    return { name: registration.name, jobKey: registration.jobKey, ...registration.timings, registered: this.registeredAt };
  }

  /** The public view of this worker; only valid once registered. */
  info(): WorkerInfo {
    const registration = this.registration;
    if (registration === undefined) throw new Error('[jq/engine] worker is not registered');
    return {
      name: registration.name,
      jobKey: registration.jobKey,
      ...(registration.pool === undefined ? {} : { pool: registration.pool }),
      status: this.status,
      threads: registration.threads,
      memoryLimit: registration.memoryLimit,
      runningTasks: this.assigned.size,
      host: registration.host,
    };
  }
}
