import type { SchedulerMessage, WorkerMessage } from '@jq/core';
import { describe, expect, it } from 'vitest';
import { decodeBody, encodeFrame, FrameDecoder } from '../src/protocol/protocol-codec.js';
import { checkSchedulerMessage, checkWorkerMessage } from '../src/protocol/protocol-validators.js';

const bytes = new Uint8Array([0, 1, 2, 255]);
const workerMessages: WorkerMessage[] = [
  { type: 'auth', response: bytes },
  { type: 'register', name: 'job-1-0', jobKey: 'job-1', threads: 2, memoryLimit: 2 ** 32, pid: 123, host: 'node7' },
  { type: 'register', name: 'job-2-0', jobKey: 'job-2', pool: 'gpu', threads: 1, memoryLimit: 0, pid: 9, host: 'n', timings: { processStart: 1, modulesLoaded: 2, connected: 3 } },
  {
    type: 'results',
    results: [
      { taskId: 't1', ok: true, value: { buffer: Buffer.from('hi'), floats: new Float64Array([1.5, -2]), nested: [1, 'two', null] }, duration: 0.25 },
      { taskId: 't2', ok: false, error: { name: 'RangeError', message: 'bad', stack: 'RangeError: bad\n    at x' }, duration: 0 },
      { taskId: 't3', ok: true, value: 'no duration: it is optional' },
      { taskId: 't4', ok: false, error: { name: 'MemoryError', message: 'over' }, duration: 1, fault: { kind: 'memory', rss: 3e8, limit: 2e8 } },
    ],
  },
  { type: 'heartbeat', rss: 1e8, cpu: 12.5, running: 3, paused: false },
  { type: 'release', taskIds: ['t3', 't4'] },
  { type: 'pong' },
  { type: 'close', reason: 'retired' },
];
const schedulerMessages: SchedulerMessage[] = [
  { type: 'challenge', version: 1, nonce: bytes },
  { type: 'welcome', heartbeatInterval: 1, maxFrameBytes: 1024 },
  {
    type: 'run',
    tasks: [
      { taskId: 't1', kind: 'module', module: 'file:///tasks.js', export: 'simulate', args: [3, new Int32Array([1, 2])] },
      { taskId: 't2', kind: 'function', source: '(x) => x * 2', args: [21], timeout: 2.5 },
    ],
  },
  { type: 'cancel', taskIds: ['t1'] },
  { type: 'retire' },
  { type: 'ping' },
  { type: 'close', reason: 'scheduler-closing' },
];

/** Encodes, splits into one-byte chunks (worst case for reassembly), decodes and validates. */
function roundTrip(message: unknown): unknown[] {
  const frame = encodeFrame(message);
  const decoder = new FrameDecoder(1024 * 1024);
  const bodies: Buffer[] = [];
  for (let index = 0; index < frame.length; index += 1) {
    const pushed = decoder.push(frame.subarray(index, index + 1));
    if ('violation' in pushed) throw new Error(pushed.violation);
    bodies.push(...pushed.bodies);
  }
  expect(decoder.bufferedBytes).toBe(0);
  return bodies.map((body) => decodeBody(body));
}

describe('worker protocol frames', () => {
  it.each(workerMessages.map((message) => [message.type, message] as const))('round-trips worker message %s', (_type, message) => {
    const [decoded] = roundTrip(message);
    expect(decoded).toEqual(message);
    expect(checkWorkerMessage(decoded)).toEqual({ message });
  });

  it.each(schedulerMessages.map((message) => [message.type, message] as const))('round-trips scheduler message %s', (_type, message) => {
    const [decoded] = roundTrip(message);
    expect(decoded).toEqual(message);
    expect(checkSchedulerMessage(decoded)).toEqual({ message });
  });

  it('keeps Buffers and typed arrays binary, with their types', () => {
    const [decoded] = roundTrip(workerMessages[3]) as [{ results: [{ value: { buffer: unknown; floats: unknown } }] }];
    expect(decoded.results[0].value.buffer).toBeInstanceOf(Uint8Array);
    expect(decoded.results[0].value.floats).toBeInstanceOf(Float64Array);
    // No base64: the frame is barely larger than the raw bytes.
    const payload = new Uint8Array(100_000);
    expect(encodeFrame({ type: 'results', results: [{ taskId: 't', ok: true, value: payload }] }).length).toBeLessThan(100_100);
  });

  it('splits several frames arriving in one chunk', () => {
    const decoder = new FrameDecoder(1024);
    const pushed = decoder.push(Buffer.concat([encodeFrame({ type: 'retire' }), encodeFrame({ type: 'cancel', taskIds: [] })]));
    expect('bodies' in pushed && pushed.bodies.map((body) => decodeBody(body))).toEqual([{ type: 'retire' }, { type: 'cancel', taskIds: [] }]);
  });

  it('refuses a frame announcing more than the limit before buffering it', () => {
    const decoder = new FrameDecoder(1024);
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(1025);
    expect(decoder.push(prefix)).toEqual({ violation: 'oversized' });
  });

  it('tells unknown message types from malformed known ones', () => {
    expect(checkWorkerMessage({ type: 'steal' })).toMatchObject({ violation: 'unknown' });
    expect(checkWorkerMessage('not an object')).toMatchObject({ violation: 'unknown' });
    expect(checkWorkerMessage({ type: 'auth', response: 'not bytes' })).toMatchObject({ violation: 'malformed' });
    expect(checkWorkerMessage({ type: 'heartbeat', rss: -1, cpu: 0, running: 0, paused: false })).toMatchObject({ violation: 'malformed' });
    expect(checkWorkerMessage({ type: 'results', results: [{ taskId: 't', ok: true, value: 1, duration: -1 }] })).toMatchObject({ violation: 'malformed' });
    expect(checkWorkerMessage({ type: 'results', results: [{ taskId: 't', ok: false, error: { name: 'E', message: 'm' }, fault: { kind: 'boom' } }] })).toMatchObject({
      violation: 'malformed',
      detail: 'results: /results/0/ok must be true',
    });
    expect(checkWorkerMessage({ type: 'register', name: '', jobKey: 'j', threads: 1, memoryLimit: 0, pid: 1, host: 'h' })).toEqual({
      violation: 'malformed',
      detail: 'register: /name must have at least 1 characters',
    });
    expect(checkSchedulerMessage({ type: 'run', tasks: [{ taskId: 't', kind: 'function', source: 's', args: [], timeout: 0 }] })).toMatchObject({ violation: 'malformed' });
    expect(checkSchedulerMessage({ type: 'welcome', heartbeatInterval: 1 })).toEqual({ violation: 'malformed', detail: 'welcome: /maxFrameBytes is required' });
    expect(checkWorkerMessage({ type: 'toString' })).toMatchObject({ violation: 'unknown' });
    // Scheduler-only messages are not accepted from a worker.
    expect(checkWorkerMessage({ type: 'retire' })).toMatchObject({ violation: 'unknown' });
    expect(checkWorkerMessage({ type: 'ping' })).toMatchObject({ violation: 'unknown' });
    expect(checkSchedulerMessage({ type: 'pong' })).toMatchObject({ violation: 'unknown' });
  });
});
