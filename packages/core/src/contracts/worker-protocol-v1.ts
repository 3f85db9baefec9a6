import Type, { type Static } from 'typebox';

/**
 * Contract 3: messages between the native scheduler and its workers. Each message is
 * one length-prefixed binary frame. The first exchange authenticates the worker
 * (`challenge` → `auth`), then the worker registers; anything else first closes
 * the connection.
 */
export const workerProtocolVersion = 1;

const Bytes = Type.Refine(Type.Unsafe<Uint8Array>({}), (value) => value instanceof Uint8Array, () => 'must be binary data');

/** Scheduler → worker, first frame: a random nonce to prove the secret against. */
export const ChallengeMessage = Type.Object({
  type: Type.Literal('challenge'),
  version: Type.Literal(workerProtocolVersion),
  nonce: Bytes,
});

/** Worker → scheduler: HMAC-SHA256 of the nonce, keyed with the cluster secret. */
export const AuthMessage = Type.Object({
  type: Type.Literal('auth'),
  response: Bytes,
});

/** Worker → scheduler, after auth: who the worker is. */
export const RegisterMessage = Type.Object({
  type: Type.Literal('register'),
  name: Type.String({ minLength: 1 }),
  jobKey: Type.String(),
  pool: Type.Optional(Type.String()),
  threads: Type.Integer({ minimum: 1 }),
  memoryLimit: Type.Number({ minimum: 0 }),
  pid: Type.Integer(),
  host: Type.String(),
  /** GPUs of this worker process (its share of the job's), for placing tasks that ask for GPUs. */
  gpus: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Seconds until the worker retires itself (its lifetime left), so tasks that need longer go elsewhere. */
  lifetimeLeft: Type.Optional(Type.Number({ minimum: 0 })),
  /**
   * Wall-clock milliseconds (Unix epoch) of the worker's start-up steps, so the gap between
   * `scale()` and a registered worker can be split: the process started, its modules were
   * loaded, its connection was open.
   */
  timings: Type.Optional(
    Type.Object({
      processStart: Type.Number({ minimum: 0 }),
      modulesLoaded: Type.Number({ minimum: 0 }),
      connected: Type.Number({ minimum: 0 }),
    }),
  ),
});

/** Scheduler → worker: registration accepted. */
export const WelcomeMessage = Type.Object({
  type: Type.Literal('welcome'),
  heartbeatInterval: Type.Number({ minimum: 0 }),
  /** Largest frame the scheduler accepts: a worker answers a larger result with an error instead of sending it. */
  maxFrameBytes: Type.Integer({ minimum: 1 }),
});

/** Seconds a task may run on its worker before its thread is terminated; absent: no limit. */
const TaskTimeout = Type.Optional(Type.Number({ exclusiveMinimum: 0 }));

/** One task to run: a module export or self-contained function source, with arguments. */
export const TaskSpec = Type.Union([
  Type.Object({
    taskId: Type.String(),
    kind: Type.Literal('module'),
    module: Type.String(),
    export: Type.String(),
    args: Type.Array(Type.Unknown()),
    timeout: TaskTimeout,
  }),
  Type.Object({
    taskId: Type.String(),
    kind: Type.Literal('function'),
    source: Type.String(),
    args: Type.Array(Type.Unknown()),
    timeout: TaskTimeout,
  }),
]);

/** Scheduler → worker: a batch of tasks. */
export const RunMessage = Type.Object({
  type: Type.Literal('run'),
  tasks: Type.Array(TaskSpec),
});

/** Scheduler → worker: drop these tasks if not yet finished. */
export const CancelMessage = Type.Object({
  type: Type.Literal('cancel'),
  taskIds: Type.Array(Type.String()),
});

/** A remote error, with its stack from the worker. */
export const RemoteError = Type.Object({
  name: Type.String(),
  message: Type.String(),
  stack: Type.Optional(Type.String()),
});

/**
 * Why a task ended without running to completion, when the worker stopped it: its thread
 * was terminated because the worker went over its memory limit (`rss` and `limit` in
 * bytes), the task ran past its `timeout`, its thread exited (`process.exit()`, a crash),
 * or its result was larger than the scheduler's frame limit (`size` and `limit` in bytes).
 */
export const TaskFault = Type.Object({
  kind: Type.Union([Type.Literal('memory'), Type.Literal('timeout'), Type.Literal('thread-exit'), Type.Literal('too-large')]),
  rss: Type.Optional(Type.Number({ minimum: 0 })),
  size: Type.Optional(Type.Number({ minimum: 0 })),
  limit: Type.Optional(Type.Number({ minimum: 0 })),
});

/** The outcome of one task; `duration` is its run time on the worker in seconds. */
export const TaskOutcome = Type.Union([
  Type.Object({ taskId: Type.String(), ok: Type.Literal(true), value: Type.Unknown(), duration: Type.Optional(Type.Number({ minimum: 0 })) }),
  Type.Object({
    taskId: Type.String(),
    ok: Type.Literal(false),
    error: RemoteError,
    duration: Type.Optional(Type.Number({ minimum: 0 })),
    fault: Type.Optional(TaskFault),
  }),
]);

/** Worker → scheduler: a batch of finished tasks. */
export const ResultsMessage = Type.Object({
  type: Type.Literal('results'),
  results: Type.Array(TaskOutcome),
});

/** Worker → scheduler: liveness and resource use. */
export const HeartbeatMessage = Type.Object({
  type: Type.Literal('heartbeat'),
  rss: Type.Number({ minimum: 0 }),
  cpu: Type.Number({ minimum: 0 }),
  running: Type.Integer({ minimum: 0 }),
  paused: Type.Boolean(),
});

/** Worker → scheduler: tasks it received but will not run (draining). */
export const ReleaseMessage = Type.Object({
  type: Type.Literal('release'),
  taskIds: Type.Array(Type.String()),
});

/** Scheduler → worker: finish running tasks, take no more, then exit. */
export const RetireMessage = Type.Object({
  type: Type.Literal('retire'),
});

/** Scheduler → worker: liveness probe, so a worker notices a silently lost scheduler. */
export const PingMessage = Type.Object({
  type: Type.Literal('ping'),
});

/** Worker → scheduler: answer to a ping. */
export const PongMessage = Type.Object({
  type: Type.Literal('pong'),
});

/** Either side: the sender is closing the connection. */
export const CloseMessage = Type.Object({
  type: Type.Literal('close'),
  reason: Type.String(),
});

/** Every message a worker may send. */
export const WorkerMessage = Type.Union([
  AuthMessage,
  RegisterMessage,
  ResultsMessage,
  HeartbeatMessage,
  ReleaseMessage,
  PongMessage,
  CloseMessage,
]);

/** Every message a scheduler may send. */
export const SchedulerMessage = Type.Union([
  ChallengeMessage,
  WelcomeMessage,
  RunMessage,
  CancelMessage,
  RetireMessage,
  PingMessage,
  CloseMessage,
]);

export type ChallengeMessage = Static<typeof ChallengeMessage>;
export type AuthMessage = Static<typeof AuthMessage>;
export type RegisterMessage = Static<typeof RegisterMessage>;
export type WelcomeMessage = Static<typeof WelcomeMessage>;
export type TaskSpec = Static<typeof TaskSpec>;
export type RunMessage = Static<typeof RunMessage>;
export type CancelMessage = Static<typeof CancelMessage>;
export type RemoteError = Static<typeof RemoteError>;
export type TaskFault = Static<typeof TaskFault>;
export type TaskOutcome = Static<typeof TaskOutcome>;
export type ResultsMessage = Static<typeof ResultsMessage>;
export type HeartbeatMessage = Static<typeof HeartbeatMessage>;
export type ReleaseMessage = Static<typeof ReleaseMessage>;
export type RetireMessage = Static<typeof RetireMessage>;
export type PingMessage = Static<typeof PingMessage>;
export type PongMessage = Static<typeof PongMessage>;
export type CloseMessage = Static<typeof CloseMessage>;
export type WorkerMessage = Static<typeof WorkerMessage>;
export type SchedulerMessage = Static<typeof SchedulerMessage>;
