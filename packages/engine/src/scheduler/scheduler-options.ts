import { tmpdir } from 'node:os';
import { ConfigError, type ConfigIssue } from '@jq/core';

/** Options of the native scheduler. Every field has a default. */
export interface EngineSchedulerOptions {
  /** Address to listen on. Default `127.0.0.1`; use `0.0.0.0` or `interface` for workers on other nodes. */
  host?: string;
  /** Network interface (`ib0`, `eth0`) whose IPv4 address to listen on; wins over `host`. */
  interface?: string;
  /** TCP port for workers. Default 0 (any free port). */
  port?: number;
  /** Port of the HTTP API (`/health`, `/api/v1/…`); `false` turns it off. Default 0 (any free port). */
  httpPort?: number | false;
  /**
   * Address the HTTP API listens on. Default `127.0.0.1`: login nodes are shared, and the
   * API needs no other reader than the owner. Every request needs the {@link httpToken}.
   */
  httpHost?: string;
  /**
   * Token every HTTP request must carry (`Authorization: Bearer …`, or `?token=` once, which
   * sets a cookie). A secret: whoever has it reads the scheduler's state. Default: random
   * per scheduler.
   */
  httpToken?: string;
  /** Shared secret workers prove with; default: random per scheduler. */
  secret?: string;
  /** Node executable written into worker commands. Default `process.execPath`. */
  node?: string;
  /**
   * Largest frame between scheduler and an authenticated worker, in bytes: it bounds a
   * task's arguments and its result (a larger one fails with `JQ_TOO_LARGE`). Default 256 MiB.
   */
  maxFrameBytes?: number;
  /** Seconds between worker heartbeats, and between the scheduler's pings to each worker. Default 1. */
  heartbeatInterval?: number;
  /** Seconds without any frame after which a worker counts as lost. Default 30. */
  workerTimeout?: number;
  /** Seconds a new connection has to authenticate and register. Default 10. */
  handshakeTimeout?: number;
  /** Tasks sent to a worker beyond its threads, so it never waits for the next batch. Default 4. */
  prefetch?: number;
  /**
   * Crashed runs a task may have before it fails (Dask's allowed-failures): its worker
   * died, or stopped it for memory (or for its timeout, with `retryOnTimeout`). Default 3.
   */
  crashLimit?: number;
  /** Seconds a task may run before its thread is stopped and it fails with `JQ_TIMEOUT`; per task with `timeout`. Default: none. */
  taskTimeout?: number;
  /** Seconds a worker keeps an idle task thread before stopping it (started again on the next task). Default 10. */
  threadIdleTimeout?: number;
  /** Seconds of queued work per worker `adaptiveTarget` aims at. Default 5. */
  targetDuration?: number;
  /** Seconds `retireWorkers` waits for a worker to leave. Default 60. */
  retireTimeout?: number;
  /**
   * Encrypt worker connections: a fresh key and self-signed certificate are made in a
   * private directory; workers verify the scheduler against that certificate, which the
   * job script's environment carries (`JQ_ENGINE_TLS_CA`). Authentication by secret still
   * applies. Default false.
   */
  tls?: boolean;
  /**
   * Where the private TLS directory (0700; the key in it 0600) is made on the scheduler's
   * host. Workers do not read it: their copy of the certificate travels in the environment.
   * Default `os.tmpdir()`.
   */
  tlsDirectory?: string;
}

/** Options with every default applied. */
export type ResolvedEngineSchedulerOptions = Required<Omit<EngineSchedulerOptions, 'interface' | 'secret' | 'httpToken' | 'taskTimeout'>> & {
  secret: string;
  httpToken: string;
  taskTimeout: number | undefined;
};

/** Frames before authentication stay small, so an unauthenticated peer cannot make us buffer much. */
export const handshakeMaxFrameBytes = 64 * 1024;

const positiveNumbers = ['heartbeatInterval', 'workerTimeout', 'handshakeTimeout', 'targetDuration', 'retireTimeout', 'taskTimeout', 'threadIdleTimeout'] as const;
const positiveIntegers = ['crashLimit', 'maxFrameBytes'] as const;

/** Every bad option at once, each named with its value and what is expected. */
function checkOptions(options: EngineSchedulerOptions): void {
  const issues: ConfigIssue[] = [];
  for (const name of positiveNumbers) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) issues.push({ path: name, value, message: 'a number of seconds > 0' });
  }
  for (const name of positiveIntegers) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) issues.push({ path: name, value, message: 'an integer >= 1' });
  }
  if (options.httpToken !== undefined && options.httpToken.length < 16) issues.push({ path: 'httpToken', value: '<redacted>', message: 'at least 16 characters' });
  if (issues.length > 0) throw new ConfigError('jq/engine', issues);
}

/** Checks the options and applies defaults. */
export function resolveSchedulerOptions(options: EngineSchedulerOptions, generated: { secret: string; httpToken: string }): ResolvedEngineSchedulerOptions {
  checkOptions(options);
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    httpPort: options.httpPort ?? 0,
    httpHost: options.httpHost ?? '127.0.0.1',
    httpToken: options.httpToken ?? generated.httpToken,
    secret: options.secret ?? generated.secret,
    node: options.node ?? process.execPath,
    maxFrameBytes: options.maxFrameBytes ?? 256 * 1024 * 1024,
    heartbeatInterval: options.heartbeatInterval ?? 1,
    workerTimeout: options.workerTimeout ?? 30,
    handshakeTimeout: options.handshakeTimeout ?? 10,
    prefetch: options.prefetch ?? 4,
    crashLimit: options.crashLimit ?? 3,
    taskTimeout: options.taskTimeout,
    threadIdleTimeout: options.threadIdleTimeout ?? 10,
    targetDuration: options.targetDuration ?? 5,
    retireTimeout: options.retireTimeout ?? 60,
    tls: options.tls ?? false,
    tlsDirectory: options.tlsDirectory ?? tmpdir(),
  };
}
