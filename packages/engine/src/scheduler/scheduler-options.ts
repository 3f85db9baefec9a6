import { tmpdir } from 'node:os';

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
  /** Shared secret workers prove with; default: random per scheduler. */
  secret?: string;
  /** Node executable written into worker commands. Default `process.execPath`. */
  node?: string;
  /** Largest frame accepted from an authenticated worker, in bytes. Default 64 MiB. */
  maxFrameBytes?: number;
  /** Seconds between worker heartbeats, and between the scheduler's pings to each worker. Default 1. */
  heartbeatInterval?: number;
  /** Seconds without any frame after which a worker counts as lost. Default 30. */
  workerTimeout?: number;
  /** Seconds a new connection has to authenticate and register. Default 10. */
  handshakeTimeout?: number;
  /** Tasks sent to a worker beyond its threads, so it never waits for the next batch. Default 4. */
  prefetch?: number;
  /** Times a task may be started on workers that then die, before it fails. Default 3. */
  maxAttempts?: number;
  /** Seconds of queued work per worker `adaptiveTarget` aims at. Default 5. */
  targetDuration?: number;
  /** Seconds `retireWorkers` waits for a worker to leave. Default 60. */
  retireTimeout?: number;
  /**
   * Encrypt worker connections: a fresh key and self-signed certificate are made (with the
   * `openssl` command) in a private directory; workers verify the scheduler against that
   * certificate, whose path is on their command line. Authentication by secret still applies.
   * Default false.
   */
  tls?: boolean;
  /**
   * Where the private TLS directory is made. Workers read the certificate from it, so
   * for workers on other nodes it must be on a shared filesystem. Default `os.tmpdir()`.
   */
  tlsDirectory?: string;
}

/** Options with every default applied. */
export type ResolvedEngineSchedulerOptions = Required<Omit<EngineSchedulerOptions, 'interface' | 'secret'>> & { secret: string };

/** Frames before authentication stay small, so an unauthenticated peer cannot make us buffer much. */
export const handshakeMaxFrameBytes = 64 * 1024;

/** Applies defaults. */
export function resolveSchedulerOptions(options: EngineSchedulerOptions, secret: string): ResolvedEngineSchedulerOptions {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    httpPort: options.httpPort ?? 0,
    secret: options.secret ?? secret,
    node: options.node ?? process.execPath,
    maxFrameBytes: options.maxFrameBytes ?? 64 * 1024 * 1024,
    heartbeatInterval: options.heartbeatInterval ?? 1,
    workerTimeout: options.workerTimeout ?? 30,
    handshakeTimeout: options.handshakeTimeout ?? 10,
    prefetch: options.prefetch ?? 4,
    maxAttempts: options.maxAttempts ?? 3,
    targetDuration: options.targetDuration ?? 5,
    retireTimeout: options.retireTimeout ?? 60,
    tls: options.tls ?? false,
    tlsDirectory: options.tlsDirectory ?? tmpdir(),
  };
}
