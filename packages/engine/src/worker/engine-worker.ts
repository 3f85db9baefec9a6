import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SchedulerMessage, WorkerMessage } from '@jq/core';
import { proveSecret } from '../protocol/protocol-auth.js';
import { ProtocolConnection } from '../protocol/protocol-connection.js';
import { checkSchedulerMessage } from '../protocol/protocol-validators.js';
import { ResultSender } from './worker-results.js';
import { WorkerMemoryGuard } from './worker-memory-guard.js';
import { TaskRunner } from './worker-task-runner.js';

/** Everything one worker process needs. */
export interface EngineWorkerConfig {
  host: string;
  port: number;
  /** Local address to connect from: the IPv4 address of the cluster's `interface` on this node. */
  localAddress: string | undefined;
  /** This process's worker name, `<jobKey>-<index>`. */
  name: string;
  jobKey: string;
  /** The worker pool of its job, when the cluster has pools. */
  pool: string | undefined;
  threads: number;
  memoryLimit: number;
  /** GPUs of this process (its share of the job's). */
  gpus: number;
  deathTimeout: number;
  /** Seconds an idle task thread is kept. */
  threadIdleTimeout: number;
  /** Seconds until the worker retires itself (stagger already applied). */
  lifetime: number | undefined;
  secret: string;
  /** Certificate to verify the scheduler against; set for a TLS connection. */
  tlsCa: Buffer | undefined;
  /** Wall-clock ms when the process started and when its modules had loaded. */
  startup: { processStart: number; modulesLoaded: number };
  log: (line: string) => void;
}

/** Close reasons from the scheduler that mean "do not come back". */
const fatalReasons = new Set(['auth-failed', 'duplicate-name']);
const reconnectDelay = 500;

/**
 * One worker process: connects and authenticates, runs `run` batches on its task threads,
 * answers in batches, heartbeats, reconnects until `deathTimeout`, and drains (release
 * queued work, finish running work, say goodbye) on retire, lifetime or SIGTERM.
 * The event loop here never runs task code, so a task that blocks its thread cannot
 * silence the worker: heartbeats and pongs go on, and the task can be stopped.
 */
export class EngineWorker {
  private readonly runner: TaskRunner;
  private readonly results: ResultSender;
  private readonly memory: WorkerMemoryGuard;
  private connection: ProtocolConnection<SchedulerMessage, WorkerMessage> | undefined;
  /** When the scheduler last sent a frame (ms, monotonic); the start counts as one. */
  private lastHeard = performance.now();
  /** Seconds of scheduler silence before exiting: `deathTimeout`, at least three ping intervals. */
  private silenceLimit: number;
  private draining: string | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  /** When the lifetime runs out (ms, monotonic): the scheduler places only tasks that fit in what is left. */
  private retireAt: number | undefined;
  private exiting = false;
  /** Last connection error logged, so retries do not repeat it. */
  private lastError: string | undefined;
  private connectedAt = 0;
  private resolveExit: (code: number) => void = () => {};

  constructor(private readonly config: EngineWorkerConfig) {
    this.silenceLimit = config.deathTimeout;
    this.results = new ResultSender((frame) => this.connection?.sendFrame(frame));
    this.runner = new TaskRunner({
      threads: config.threads,
      memoryLimit: config.memoryLimit,
      // A task that fills its heap ends its own thread long before it takes the process down.
      resourceLimits: config.memoryLimit > 0 ? { maxOldGenerationSizeMb: Math.max(16, Math.floor(config.memoryLimit / 2 ** 20)) } : {},
      threadIdleTimeout: config.threadIdleTimeout,
      outcomes: (outcomes) => {
        this.results.push(outcomes);
        if (this.draining !== undefined) this.finishDrainIfIdle();
      },
      encoded: (frames) => {
        for (const frame of frames) this.results.sendEncoded(frame);
        if (this.draining !== undefined) this.finishDrainIfIdle();
      },
    });
    this.memory = new WorkerMemoryGuard(config.memoryLimit, this.runner, {
      release: (taskIds) => this.release(taskIds),
      log: config.log,
      exit: () => void this.exit(1),
    });
  }

  /** Runs until the worker should exit; resolves with the exit code. */
  run(): Promise<number> {
    const exited = new Promise<number>((resolve) => (this.resolveExit = resolve));
    if (this.config.lifetime !== undefined) {
      this.retireAt = performance.now() + this.config.lifetime * 1000;
      this.lifetimeTimer = setTimeout(() => this.drain('lifetime'), this.config.lifetime * 1000);
    }
    // Covers a scheduler that is unreachable, and one that is connected but silent (frozen, partitioned).
    this.watchdog = setInterval(() => this.checkSilence(), Math.max(50, Math.min(1000, (this.config.deathTimeout * 1000) / 4)));
    this.memory.start();
    this.connect();
    return exited;
  }

  /** Graceful stop: hand back queued tasks, finish running ones, then exit 0. */
  drain(reason: string): void {
    if (this.draining !== undefined || this.exiting) return;
    this.draining = reason;
    this.runner.paused = true;
    clearTimeout(this.lifetimeTimer);
    const released = this.runner.takeQueued();
    this.config.log(`draining (${reason}): ${this.runner.running} running, ${released.length} released`);
    if (this.connection === undefined) return void this.exit(0);
    this.release(released);
    this.finishDrainIfIdle();
  }

  private connect(): void {
    const { host, port, tlsCa, localAddress } = this.config;
    const endpoint = localAddress === undefined ? { host, port } : { host, port, localAddress };
    if (tlsCa === undefined) return this.attach(connect(endpoint));
    // node:tls is loaded only by workers that use it: every worker pays for what it imports at start.
    void import('node:tls').then((tls) => this.exiting || this.attach(tls.connect({ ...endpoint, ca: tlsCa, minVersion: 'TLSv1.2' })));
  }

  private attach(socket: Socket): void {
    const tlsCa = this.config.tlsCa;
    socket.once(tlsCa === undefined ? 'connect' : 'secureConnect', () => (this.connectedAt ||= Date.now()));
    socket.once('error', (error) => {
      if (error.message !== this.lastError) this.config.log(`connection to the scheduler failed: ${error.message}`);
      this.lastError = error.message;
    });
    const connection = new ProtocolConnection<SchedulerMessage, WorkerMessage>(socket, checkSchedulerMessage, 1024 * 1024 * 1024);
    this.connection = connection;
    connection.on('message', (message) => {
      this.lastHeard = performance.now();
      this.receive(connection, message);
    });
    connection.on('violation', (kind, detail) => this.config.log(`refused a frame from the scheduler (${kind}): ${detail}`));
    connection.on('closed', () => this.disconnected(connection));
  }

  private disconnected(connection: ProtocolConnection<SchedulerMessage, WorkerMessage>): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    // The scheduler re-queued everything it had sent us. Running tasks finish; should their
    // answers reach the next connection, the scheduler takes an answer only for a task it has
    // assigned there, once.
    this.runner.takeQueued();
    this.results.clear();
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

  private receive(connection: ProtocolConnection<SchedulerMessage, WorkerMessage>, message: SchedulerMessage): void {
    switch (message.type) {
      case 'challenge':
        connection.send({ type: 'auth', response: proveSecret(this.config.secret, message.nonce) });
        connection.send({
          type: 'register',
          name: this.config.name,
          jobKey: this.config.jobKey,
          ...(this.config.pool === undefined ? {} : { pool: this.config.pool }),
          threads: this.config.threads,
          memoryLimit: this.config.memoryLimit,
          gpus: this.config.gpus,
          ...(this.retireAt === undefined ? {} : { lifetimeLeft: Math.max(0, (this.retireAt - performance.now()) / 1000) }),
          pid: process.pid,
          host: hostname(),
          timings: { ...this.config.startup, connected: this.connectedAt || Date.now() },
        });
        return;
      case 'welcome':
        this.lastError = undefined;
        this.results.maxFrameBytes = message.maxFrameBytes;
        this.runner.maxResultBytes = message.maxFrameBytes;
        // Pings come once per heartbeat interval: a shorter deathTimeout would kill healthy workers.
        this.silenceLimit = Math.max(this.config.deathTimeout, 3 * message.heartbeatInterval);
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.beat(), Math.max(50, message.heartbeatInterval * 1000));
        return;
      case 'run':
        if (this.draining !== undefined) return this.release(message.tasks.map((task) => task.taskId));
        return this.runner.add(message.tasks);
      case 'cancel':
        return this.release(this.runner.cancel(message.taskIds));
      case 'ping':
        return connection.send({ type: 'pong' });
      case 'retire':
        return this.drain('retired');
      case 'close':
        this.config.log(`scheduler closed the connection: ${message.reason}`);
        return void this.exit(fatalReasons.has(message.reason) ? 1 : 0);
    }
  }

  private release(taskIds: string[]): void {
    if (taskIds.length > 0) this.connection?.send({ type: 'release', taskIds });
  }

  private beat(): void {
    this.memory.check();
    this.connection?.send({ type: 'heartbeat', ...this.memory.resources.heartbeat(), running: this.runner.running });
  }

  private finishDrainIfIdle(): void {
    if (this.runner.running > 0 || this.draining === undefined) return;
    setImmediate(() => {
      const connection = this.connection;
      if (connection === undefined) return void this.exit(0);
      this.results.flush();
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
    this.memory.stop();
    this.connection?.socket.destroy();
    this.runner.destroy();
    this.resolveExit(code);
  }
}
