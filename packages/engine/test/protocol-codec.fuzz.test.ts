// Property-based fuzzing of the worker-protocol decoding path: the frame splitter, the
// msgpack body decoder, the schema validators and a connection fed hostile bytes. Bad
// input must end in "need more bytes", a violation or an Error, never a crash of the
// process, a hang, or a buffer that grows past the frame limit.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody, encodeFrame, FrameDecoder, framePrefixBytes } from '../src/protocol/protocol-codec.js';
import { ProtocolConnection } from '../src/protocol/protocol-connection.js';
import { checkSchedulerMessage, checkWorkerMessage } from '../src/protocol/protocol-validators.js';
import { runs, validMessages, wrongShape } from './helpers/protocol-samples.js';

const maxFrameBytes = 4096;

const guard = vm.createContext({ call: (): unknown => undefined });
const invoke = new vm.Script('call()');

/**
 * vm's watchdog stops synchronous JavaScript: a looping decoder fails instead of hanging the
 * suite. Wall-clock time, so a hang guard and not a speed check: 5 s, because a busy machine
 * descheduled a decode past 500 ms.
 */
function bounded<T>(call: () => T, milliseconds = 5_000): T {
  guard.call = call;
  return invoke.runInContext(guard, { timeout: milliseconds }) as T;
}

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));

/** Splits `buffer` at the given cut points (taken modulo its length). */
function split(buffer: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => (buffer.length === 0 ? 0 : cut % buffer.length)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, buffer.length]) {
    if (point > start) pieces.push(buffer.subarray(start, point));
    start = Math.max(start, point);
  }
  return pieces;
}

describe('frame splitter under fuzzing', () => {
  it('random byte chunks: bodies within the limit or a violation, and never more than one frame held', () => {
    fc.assert(
      fc.property(fc.array(bytes(600), { maxLength: 30 }), (chunks) => {
        const decoder = new FrameDecoder(maxFrameBytes);
        for (const chunk of chunks) {
          const pushed = bounded(() => decoder.push(chunk));
          if ('violation' in pushed) return void expect(pushed.violation).toBe('oversized');
          for (const body of pushed.bodies) expect(body.length).toBeLessThanOrEqual(maxFrameBytes);
          expect(decoder.bufferedBytes).toBeLessThan(framePrefixBytes + maxFrameBytes);
        }
      }),
      runs,
    );
  });

  it('valid frames cut anywhere come out whole, in order; a truncated tail just waits for more bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...validMessages), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), fc.nat(), (messages, cuts, keep) => {
        const frames = messages.map((message) => encodeFrame(message));
        const stream = Buffer.concat(frames);
        const truncated = stream.subarray(0, keep % (stream.length + 1));
        const decoder = new FrameDecoder(maxFrameBytes);
        const bodies: Buffer[] = [];
        for (const piece of split(truncated, cuts)) {
          const pushed = decoder.push(piece);
          if ('violation' in pushed) expect.fail(`violation ${pushed.violation} on valid frames`);
          bodies.push(...pushed.bodies);
        }
        let whole = 0;
        for (let length = 0; whole < frames.length && length + frames[whole]!.length <= truncated.length; whole += 1) length += frames[whole]!.length;
        expect(bodies.map((body) => decodeBody(body))).toEqual(messages.slice(0, whole));
        const consumed = frames.slice(0, whole).reduce((total, frame) => total + frame.length, 0);
        expect(decoder.bufferedBytes).toBe(truncated.length - consumed);
      }),
      runs,
    );
  });

  it('a length prefix above the limit is refused at once, before its body is buffered', () => {
    fc.assert(
      fc.property(fc.integer({ min: maxFrameBytes + 1, max: 2 ** 32 - 1 }), bytes(64), fc.nat({ max: 3 }), (length, tail, validBefore) => {
        const prefix = Buffer.alloc(framePrefixBytes);
        prefix.writeUInt32BE(length);
        const decoder = new FrameDecoder(maxFrameBytes);
        const leading = Buffer.concat(validMessages.slice(0, validBefore).map((message) => encodeFrame(message)));
        expect(decoder.push(Buffer.concat([leading, prefix, tail]))).toEqual({ violation: 'oversized' });
        expect(decoder.bufferedBytes).toBeLessThanOrEqual(leading.length + framePrefixBytes + tail.length);
      }),
      runs,
    );
  });
});

describe('body decoder and validators under fuzzing', () => {
  it('random bytes decode to a value or throw an Error, quickly', () => {
    fc.assert(
      fc.property(bytes(256), (body) => {
        try {
          bounded(() => decodeBody(body));
        } catch (error) {
          expect((error as { code?: unknown }).code).not.toBe('ERR_SCRIPT_EXECUTION_TIMEOUT');
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { ...runs, numRuns: 1000 },
    );
  });

  it('valid frames cut short or with flipped bytes decode or throw an Error, never hang', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validMessages), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (message, keep, flips) => {
        const body = Buffer.from(encodeFrame(message).subarray(framePrefixBytes));
        for (const [at, value] of flips) body[at % body.length] = value;
        const cut = body.subarray(0, keep % (body.length + 1));
        try {
          const value = bounded(() => decodeBody(cut));
          for (const check of [checkWorkerMessage, checkSchedulerMessage]) expect(isChecked(bounded(() => check(value)))).toBe(true);
        } catch (error) {
          expect((error as { code?: unknown }).code).not.toBe('ERR_SCRIPT_EXECUTION_TIMEOUT');
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { ...runs, numRuns: 1000 },
    );
  });

  it('valid msgpack of the wrong shape is refused as unknown or malformed, never thrown', () => {
    fc.assert(
      fc.property(wrongShape, (value) => {
        const decoded = decodeBody(encodeFrame(value).subarray(framePrefixBytes));
        for (const check of [checkWorkerMessage, checkSchedulerMessage]) {
          const checked = bounded(() => check(decoded));
          expect(isChecked(checked)).toBe(true);
        }
      }),
      runs,
    );
  });
});

function isChecked(checked: unknown): boolean {
  if (typeof checked !== 'object' || checked === null) return false;
  if ('message' in checked) return true;
  const { violation, detail } = checked as { violation?: unknown; detail?: unknown };
  return (violation === 'unknown' || violation === 'malformed') && typeof detail === 'string';
}

/** The socket side a ProtocolConnection uses; bytes are pushed in as 'data' events. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  setNoDelay(): void {}
  cork(): void {}
  uncork(): void {}
  write(): boolean {
    return true;
  }
  end(): void {
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }
}

describe('a connection fed hostile bytes', () => {
  it('emits only schema-valid messages, refuses the rest with a violation, and throws nothing', () => {
    const hostile = fc.oneof(
      fc.array(bytes(300), { maxLength: 10 }),
      fc.array(wrongShape.map((value) => encodeFrame(value)), { maxLength: 5 }),
      fc.tuple(fc.array(fc.constantFrom(...validMessages), { maxLength: 4 }), bytes(40)).map(([messages, tail]) => [...messages.map((message) => encodeFrame(message)), tail]),
    );
    fc.assert(
      fc.property(hostile, (chunks) => {
        const socket = new FakeSocket();
        const connection = new ProtocolConnection(socket as unknown as Socket, checkWorkerMessage, maxFrameBytes);
        const messages: unknown[] = [];
        const violations: string[] = [];
        connection.on('message', (message) => messages.push(message));
        connection.on('violation', (kind) => violations.push(kind));
        for (const chunk of chunks) bounded(() => socket.emit('data', chunk));
        for (const message of messages) expect(checkWorkerMessage(message)).toEqual({ message });
        expect(violations.length).toBeLessThanOrEqual(1);
        expect(socket.destroyed).toBe(violations.length === 1);
        for (const kind of violations) expect(['oversized', 'malformed', 'unknown']).toContain(kind);
      }),
      runs,
    );
  });
});
