import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { RegisterMessage, SchedulerMessage, WorkerMessage } from '@jq/core';
import { proveSecret } from '../../src/protocol/protocol-auth.js';
import { ProtocolConnection } from '../../src/protocol/protocol-connection.js';
import { checkSchedulerMessage } from '../../src/protocol/protocol-validators.js';

/** Splits `tcp://host:port` or `tls://host:port`. */
export function parseAddress(address: string): { host: string; port: number } {
  const url = new URL(address.replace(/^(tcp|tls):/, 'http:'));
  return { host: url.hostname, port: Number(url.port) };
}

/** Opens a raw socket to the scheduler. */
export function rawSocket(address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // resume(): a paused socket would never notice that the scheduler closed it.
    const socket = connect(parseAddress(address), () => resolve(socket.resume()));
    socket.once('error', reject);
  });
}

/** Resolves when the socket is closed by the other side. */
export function socketClosed(socket: Socket): Promise<void> {
  return socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

/**
 * A worker speaking the protocol from inside the test, so every message is visible.
 * Pings are answered with a pong and counted, not queued: they come on a timer.
 */
export class FakeWorker {
  readonly connection: ProtocolConnection<SchedulerMessage, WorkerMessage>;
  pings = 0;
  /** Whether pings get a pong (off: a worker that went quiet). */
  answerPings = true;
  private readonly inbox: SchedulerMessage[] = [];
  private waiter: (() => void) | undefined;

  constructor(socket: Socket) {
    this.connection = new ProtocolConnection(socket, checkSchedulerMessage, 1024 * 1024);
    this.connection.on('message', (message) => {
      if (message.type === 'ping') {
        this.pings += 1;
        if (this.answerPings) this.connection.send({ type: 'pong' });
        return;
      }
      this.inbox.push(message);
      this.waiter?.();
    });
    this.connection.on('closed', () => this.waiter?.());
  }

  /** Connects over TCP, or over TLS trusting `ca` for a `tls://` address. */
  static async connect(address: string, ca?: Buffer): Promise<FakeWorker> {
    if (!address.startsWith('tls:')) return new FakeWorker(await rawSocket(address));
    const socket = await new Promise<Socket>((resolve, reject) => {
      const secure = connectTls({ ...parseAddress(address), ca }, () => resolve(secure));
      secure.once('error', reject);
    });
    return new FakeWorker(socket);
  }

  /** The next message from the scheduler (bounded wait). */
  async next(timeoutMilliseconds = 5_000): Promise<SchedulerMessage> {
    const deadline = Date.now() + timeoutMilliseconds;
    while (this.inbox.length === 0) {
      if (this.connection.isClosed) throw new Error('connection closed while waiting for a message');
      if (Date.now() > deadline) throw new Error('no message from the scheduler in time');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.inbox.shift() as SchedulerMessage;
  }

  /** Answers the challenge with `secret` and registers as `name`; returns the welcome. */
  async handshake(secret: string, name: string, threads = 1, register: Partial<RegisterMessage> = {}): Promise<SchedulerMessage> {
    const challenge = await this.next();
    if (challenge.type !== 'challenge') throw new Error(`expected challenge, got ${challenge.type}`);
    this.connection.send({ type: 'auth', response: proveSecret(secret, challenge.nonce) });
    this.connection.send({ type: 'register', name, jobKey: name.replace(/-\d+$/, ''), threads, memoryLimit: 0, pid: process.pid, host: 'test', ...register });
    return this.next();
  }
}
