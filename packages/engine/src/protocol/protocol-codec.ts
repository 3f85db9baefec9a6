import { Packr, RESERVE_START_SPACE } from 'msgpackr';

/** Bytes of the big-endian length prefix in front of every frame. */
export const framePrefixBytes = 4;

// `moreTypes` keeps typed arrays typed; records are off so every frame decodes on its
// own, without structure state shared across frames.
const packer = new Packr({ moreTypes: true, useRecords: false });

/** Frames above this size get a fresh packing buffer afterwards, so a big one is not kept for good. */
const largeFrameBytes = 1024 * 1024;

/**
 * Encodes one message as a length-prefixed msgpack frame. The prefix is reserved in
 * msgpackr's own output, so the body is never copied (a 64 MB result is not doubled).
 */
export function encodeFrame(message: unknown): Buffer {
  const frame = packer.pack(message, RESERVE_START_SPACE | framePrefixBytes);
  frame.writeUInt32BE(frame.length - framePrefixBytes, 0);
  if (frame.length > largeFrameBytes) packer.useBuffer(Buffer.allocUnsafeSlow(64 * 1024));
  return frame;
}

/**
 * {@link encodeFrame}, with bytes that may be moved to another thread (`postMessage`
 * transfer list) without a copy: a large frame owns its packing buffer, a small one is copied.
 */
export function encodeTransferableFrame(message: unknown): Uint8Array {
  const frame = encodeFrame(message);
  return frame.length > largeFrameBytes ? frame : Uint8Array.prototype.slice.call(frame);
}

/** Decodes a frame body; throws on bytes that are not one msgpack value. */
export function decodeBody(body: Buffer): unknown {
  return packer.unpack(body);
}

/** Why a byte stream was refused. */
export type FrameViolation = 'oversized' | 'malformed';

/**
 * Splits a byte stream into frame bodies. A frame whose announced length exceeds
 * `maxFrameBytes` is refused before any of it is buffered.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes the frame being received needs in all (prefix included), once its prefix is known. */
  private awaiting = 0;

  constructor(public maxFrameBytes: number) {}

  /**
   * Feeds received bytes; returns the complete frame bodies, or a violation. Chunks of a
   * large frame are only gathered, then joined once when it is complete: joining on every
   * chunk would copy a 64 MB frame a thousand times.
   */
  push(chunk: Buffer): { bodies: Buffer[] } | { violation: FrameViolation } {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.awaiting) return { bodies: [] };
    const bodies: Buffer[] = [];
    let buffer = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    this.awaiting = 0;
    while (buffer.length - offset >= framePrefixBytes) {
      const length = buffer.readUInt32BE(offset);
      if (length > this.maxFrameBytes) return { violation: 'oversized' };
      if (buffer.length - offset < framePrefixBytes + length) {
        this.awaiting = framePrefixBytes + length;
        break;
      }
      bodies.push(buffer.subarray(offset + framePrefixBytes, offset + framePrefixBytes + length));
      offset += framePrefixBytes + length;
    }
    buffer = buffer.subarray(offset);
    this.pending = buffer.length > 0 ? [buffer] : [];
    this.pendingBytes = buffer.length;
    return { bodies };
  }

  /** Bytes of an unfinished frame still held. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }
}
