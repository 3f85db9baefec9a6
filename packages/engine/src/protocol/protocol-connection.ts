import type { Socket } from 'node:net';
import { EventEmitter } from 'eventemitter3';
import { decodeBody, encodeFrame, FrameDecoder } from './protocol-codec.js';
import type { Checked } from './protocol-validators.js';

/** Why a peer's frame was refused; the connection is closed for any of them. */
export type ViolationKind = 'oversized' | 'malformed' | 'unknown' | 'unexpected';

/** Events of one protocol connection. */
export interface ProtocolConnectionEvents<Incoming> {
  /** A frame arrived and passed its schema. */
  message: (message: Incoming) => void;
  /** A frame was refused; the connection is being destroyed. */
  violation: (kind: ViolationKind, detail: string) => void;
  /** The socket is gone (either side, any reason). Emitted once. */
  closed: () => void;
}

/**
 * One side of a worker-protocol connection: frames, decodes and validates incoming
 * messages, and writes outgoing ones. Any bad frame destroys this connection only.
 */
export class ProtocolConnection<Incoming, Outgoing> extends EventEmitter<ProtocolConnectionEvents<Incoming>> {
  private readonly decoder: FrameDecoder;
  private corked = false;
  private closed = false;

  constructor(
    readonly socket: Socket,
    private readonly check: (value: unknown) => Checked<Incoming>,
    maxFrameBytes: number,
  ) {
    super();
    this.decoder = new FrameDecoder(maxFrameBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.emit('closed');
    });
  }

  /** Raises or lowers the frame size limit (small before authentication). */
  setMaxFrameBytes(bytes: number): void {
    this.decoder.maxFrameBytes = bytes;
  }

  /** Whether the socket is gone. */
  get isClosed(): boolean {
    return this.closed || this.socket.destroyed;
  }

  /** Sends one message; writes of one tick go out together. */
  send(message: Outgoing): void {
    this.sendFrame(encodeFrame(message));
  }

  /** Sends a frame already encoded with `encodeFrame` (whose size the caller has checked). */
  sendFrame(frame: Buffer): void {
    if (this.isClosed) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(frame);
  }

  /** Sends a last message (if any), then ends the connection. */
  end(last?: Outgoing): void {
    if (this.isClosed) return;
    if (last !== undefined) this.socket.write(encodeFrame(last));
    this.socket.end();
    // A peer that never closes its side must not keep the socket open forever.
    setTimeout(() => this.socket.destroy(), 2_000).unref();
  }

  /** Refuses the peer: reports the violation and destroys the socket. */
  refuse(kind: ViolationKind, detail: string): void {
    if (this.socket.destroyed) return;
    this.emit('violation', kind, detail);
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (this.socket.destroyed) return;
    const pushed = this.decoder.push(chunk);
    if ('violation' in pushed) return this.refuse(pushed.violation, `frame larger than ${this.decoder.maxFrameBytes} bytes`);
    for (const body of pushed.bodies) {
      let value: unknown;
      try {
        value = decodeBody(body);
      } catch (error) {
        return this.refuse('malformed', `undecodable frame: ${(error as Error).message}`);
      }
      const checked = this.check(value);
      if ('violation' in checked) return this.refuse(checked.violation, checked.detail);
      this.emit('message', checked.message);
      if (this.socket.destroyed) return;
    }
  }
}
