import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SchedulerMessage, TaskOutcome, TaskSpec, WorkerMessage } from '@jq/core';
import { proveSecret } from '../protocol/protocol-auth.js';
import { ProtocolConnection } from '../protocol/protocol-connection.js';
import { checkSchedulerMessage } from '../protocol/protocol-validators.js';
import { PoolRestartedError, TaskPool } from './worker-pool.js';
import { WorkerResources } from './worker-resources.js';

/** Everything one worker process needs. */
export interface EngineWorkerConfig {
  host: string;
  port: number;
  /** This process's worker name, `<jobKey>-<index>`. */
  name: string;
  jobKey: string;
  threads: number;
  memoryLimit: number;
  deathTimeout: number;
  /** Seconds until the worker retires itself (stagger already applied). */
  lifetime: number | undefined;
  secret: string;
  /** Certificate to verify the scheduler against; set for a TLS connection. */
  tlsCa: Buffer | undefined;
  log: (line: string) => void;
}

/** Close reasons from the scheduler that mean "do not come back". */
const fatalReasons = new Set(['auth-failed', 'duplicate-name']);
const reconnectDelay = 500;

/**
 * One worker process: connects and authenticates, runs `run` batches on its thread
 * pool, answers in batches, heartbeats, reconnects until `deathTimeout`, and drains
 * (release queued work, finish running work, say goodbye) on retire, lifetime or SIGTERM.
 */
export class EngineWorker {
  private readonly pool: TaskPool;
  private readonly resources: WorkerResources;
  private connection: ProtocolConnection<SchedulerMessage, WorkerMessage> | undefined;
  /** Bumped on every new connection: answers for tasks of an older one are dropped. */
  private generation = 0;
  /** When the scheduler last sent a frame (ms, monotonic); the start counts as one. */
  private lastHeard = performance.now();
  /** Seconds of scheduler silence before exiting: `deathTimeout`, at least three ping intervals. */
  private silenceLimit: number;
  private readonly queue: TaskSpec[] = [];
  private readonly running = new Set<string>();
  private outgoing: TaskOutcome[] = [];
  private flushPending = false;
  private draining: string | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private exiting = false;
  /** Last connection error logged, so retries do not repeat it. */
  private lastError: string | undefined;
  private resolveExit: (code: number) => void = () => {};

  constructor(private readonly config: EngineWorkerConfig) {
    this.pool = new TaskPool(config.threads);
    this.resources = new WorkerResources(config.memoryLimit);
    this.silenceLimit = config.deathTimeout;
  }

  /** Runs until the worker should exit; resolves with the exit code. */
  run(): Promise<number> {
    const exited = new Promise<number>((resolve) => (this.resolveExit = resolve));
    if (this.config.lifetime !== undefined) {
      this.lifetimeTimer = setTimeout(() => this.drain('lifetime'), this.config.lifetime * 1000);
    }
    // Covers a scheduler that is unreachable, and one that is connected but silent (frozen, partitioned).
    this.watchdog = setInterval(() => this.checkSilence(), Math.max(50, Math.min(1000, (this.config.deathTimeout * 1000) / 4)));
    this.connect();
    return exited;
  }

  /** Graceful stop: hand back queued tasks, finish running ones, then exit 0. */
  drain(reason: string): void {
    if (this.draining !== undefined || this.exiting) return;
    this.draining = reason;
    clearTimeout(this.lifetimeTimer);
    this.config.log(`draining (${reason}): ${this.running.size} running, ${this.queue.length} released`);
    if (this.connection === undefined) return void this.exit(0);
    this.release(this.queue.splice(0).map((task) => task.taskId));
    this.finishDrainIfIdle();
  }

  private connect(): void {
    const { host, port, tlsCa } = this.config;
    const socket = tlsCa === undefined ? connect({ host, port }) : connectTls({ host, port, ca: tlsCa, minVersion: 'TLSv1.2' });
    socket.once('error', (error) => {
      if (error.message !== this.lastError) this.config.log(`connection to the scheduler failed: ${error.message}`);
      this.lastError = error.message;
    });
    const connection = new ProtocolConnection<SchedulerMessage, WorkerMessage>(socket, checkSchedulerMessage, 1024 * 1024 * 1024);
    this.connection = connection;
    this.generation += 1;
    connection.on('message', (message) => {
      this.lastHeard = performance.now();
      this.receive(message);
    });
    connection.on('violation', (kind, detail) => this.config.log(`refused a frame from the scheduler (${kind}): ${detail}`));
    connection.on('closed', () => this.disconnected(connection));
  }

  private disconnected(connection: ProtocolConnection<SchedulerMessage, WorkerMessage>): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    // The scheduler re-queued everything it had sent us.
    this.queue.length = 0;
    this.outgoing = [];
    if (this.exiting) return;
    if (this.draining !== undefined) return void this.exit(0);
    // Retries until the watchdog gives up.
    setTimeout(() => this.exiting || this.connect(), reconnectDelay);
  }

  private checkSilence(): void {
    const silent = (performance.now() - this.lastHeard) / 1000;
    if (silent < this.silenceLimit || this.exiting) return;
    const connected = this.connection !== undefined && !this.connection.socket.connecting;
    const state = connected ? 'connected but silent' : 'unreachable';
    this.config.log(`no scheduler at ${this.config.host}:${this.config.port} for ${silent.toFixed(1)}s (${state}, deathTimeout ${this.config.deathTimeout}s); exiting`);
    void this.exit(1);
  }

  private receive(message: SchedulerMessage): void {
    const connection = this.connection;
    if (connection === undefined) return;
    switch (message.type) {
      case 'challenge':
        connection.send({ type: 'auth', response: proveSecret(this.config.secret, message.nonce) });
        connection.send({
          type: 'register',
          name: this.config.name,
          jobKey: this.config.jobKey,
          threads: this.config.threads,
          memoryLimit: this.config.memoryLimit,
          pid: process.pid,
          host: hostname(),
        });
        return;
      case 'welcome':
        this.lastError = undefined;
        // Pings come once per heartbeat interval: a shorter deathTimeout would kill healthy workers.
        this.silenceLimit = Math.max(this.config.deathTimeout, 3 * message.heartbeatInterval);
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.beat(), Math.max(50, message.heartbeatInterval * 1000));
        return;
      case 'run':
        if (this.draining !== undefined) return this.release(message.tasks.map((task) => task.taskId));
        this.queue.push(...message.tasks);
        return this.pump();
      case 'cancel': {
        const cancelled = new Set(message.taskIds);
        const dropped = this.queue.filter((task) => cancelled.has(task.taskId));
        if (dropped.length === 0) return;
        this.queue.splice(0, this.queue.length, ...this.queue.filter((task) => !cancelled.has(task.taskId)));
        return this.release(dropped.map((task) => task.taskId));
      }
      case 'ping':
        return connection.send({ type: 'pong' });
      case 'retire':
        return this.drain('retired');
      case 'close':
        this.config.log(`scheduler closed the connection: ${message.reason}`);
        return void this.exit(fatalReasons.has(message.reason) ? 1 : 0);
    }
  }

  private pump(): void {
    while (this.running.size < this.config.threads && this.queue.length > 0 && !this.resources.paused) {
      const task = this.queue.shift() as TaskSpec;
      this.start(task);
    }
  }

  private start(task: TaskSpec): void {
    const generation = this.generation;
    this.running.add(task.taskId);
    this.pool.run(task).then(
      (outcome) => this.finished(task.taskId, generation, outcome),
      (error: unknown) => {
        this.running.delete(task.taskId);
        if (error instanceof PoolRestartedError && generation === this.generation) this.release([task.taskId]);
        this.afterTask();
      },
    );
  }

  private finished(taskId: string, generation: number, outcome: TaskOutcome): void {
    this.running.delete(taskId);
    if (generation === this.generation) {
      this.outgoing.push(outcome);
      this.flushSoon();
    }
    this.afterTask();
  }

  private afterTask(): void {
    if (this.draining === undefined) this.pump();
    else this.finishDrainIfIdle();
  }

  private flushSoon(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    setImmediate(() => {
      this.flushPending = false;
      if (this.outgoing.length === 0) return;
      this.connection?.send({ type: 'results', results: this.outgoing });
      this.outgoing = [];
    });
  }

  private release(taskIds: string[]): void {
    if (taskIds.length > 0) this.connection?.send({ type: 'release', taskIds });
  }

  private beat(): void {
    const change = this.resources.sample();
    if (change === 'restart-pool') {
      this.config.log(`memory above 95 % of ${this.config.memoryLimit} bytes: restarting the thread pool`);
      void this.pool.restart();
    }
    // Paused work would wait here for memory to come back; other workers can run it now.
    if (change === 'paused' || change === 'restart-pool') this.release(this.queue.splice(0).map((task) => task.taskId));
    this.connection?.send({ type: 'heartbeat', ...this.resources.heartbeat(), running: this.running.size });
    if (change === 'resumed') this.pump();
  }

  private finishDrainIfIdle(): void {
    if (this.running.size > 0 || this.draining === undefined) return;
    setImmediate(() => {
      const connection = this.connection;
      if (connection === undefined) return void this.exit(0);
      if (this.outgoing.length > 0) connection.send({ type: 'results', results: this.outgoing.splice(0) });
      connection.end({ type: 'close', reason: this.draining ?? 'retired' });
      connection.once('closed', () => void this.exit(0));
    });
  }

  private async exit(code: number): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    clearInterval(this.heartbeat);
    clearInterval(this.watchdog);
    clearTimeout(this.lifetimeTimer);
    this.connection?.socket.destroy();
    await this.pool.destroy().catch(() => undefined);
    this.resolveExit(code);
  }
}
