import type { ViolationKind } from '../protocol/protocol-connection.js';

/** Counters the scheduler keeps; served on its HTTP API too. */
export interface SchedulerMetrics {
  /** Connections closed for a bad frame, by kind. */
  refusedFrames: Record<ViolationKind, number>;
  /** Connections that failed the challenge or sent work before registering. */
  unauthenticated: number;
  /** Connections that failed the TLS handshake (plain TCP, an untrusted or too slow peer). */
  tlsHandshakeFailures: number;
  /** Connections that did not finish the handshake in time. */
  handshakeTimeouts: number;
  /** Workers dropped for silence longer than `workerTimeout`. */
  heartbeatTimeouts: number;
  /** Tasks that ended with a value. */
  tasksCompleted: number;
  /** Tasks that ended with an error. */
  tasksFailed: number;
  /** Tasks put back in the queue after a worker left. */
  tasksRequeued: number;
}

/** Fresh zeroed counters. */
export function createMetrics(): SchedulerMetrics {
  return {
    refusedFrames: { oversized: 0, malformed: 0, unknown: 0, unexpected: 0 },
    unauthenticated: 0,
    tlsHandshakeFailures: 0,
    handshakeTimeouts: 0,
    heartbeatTimeouts: 0,
    tasksCompleted: 0,
    tasksFailed: 0,
    tasksRequeued: 0,
  };
}
