import fc from 'fast-check';

/** Seeded fast-check settings shared by the protocol fuzz suites. */
export const runs = { seed: 20_260_804, numRuns: 300 } as const;

const nonce = new Uint8Array([1, 2, 3, 4]);
/** One valid message of every kind (both directions), as decoded from the wire. */
export const validMessages: unknown[] = [
  { type: 'auth', response: nonce },
  { type: 'register', name: 'job-1-0', jobKey: 'job-1', threads: 2, memoryLimit: 2 ** 30, pid: 12, host: 'node7' },
  { type: 'results', results: [{ taskId: 't1', ok: true, value: { list: [1, 'two', null], raw: Buffer.from('x') } }] },
  { type: 'heartbeat', rss: 1e8, cpu: 1.5, running: 1, paused: false },
  { type: 'release', taskIds: ['t2'] },
  { type: 'close', reason: 'retired' },
  { type: 'challenge', version: 1, nonce },
  { type: 'welcome', heartbeatInterval: 1, maxFrameBytes: 4096 },
  { type: 'register', name: 'job-2-0', jobKey: 'job-2', pool: 'gpu', threads: 1, memoryLimit: 0, pid: 3, host: 'n', timings: { processStart: 1, modulesLoaded: 2, connected: 3 } },
  { type: 'results', results: [{ taskId: 't4', ok: false, error: { name: 'MemoryError', message: 'over' }, fault: { kind: 'memory', rss: 3e8, limit: 2e8 } }] },
  { type: 'run', tasks: [{ taskId: 't5', kind: 'module', module: 'file:///m.js', export: 'f', args: [], timeout: 1 }] },
  { type: 'run', tasks: [{ taskId: 't1', kind: 'function', source: '(x) => x', args: [1] }] },
  { type: 'cancel', taskIds: ['t1'] },
  { type: 'retire' },
];
/** Every message type of the protocol. */
export const knownTypes = ['auth', 'register', 'results', 'heartbeat', 'release', 'close', 'challenge', 'welcome', 'run', 'cancel', 'retire', 'ping', 'pong'];

/** Values msgpack can carry, shaped like protocol messages but with fields of any type. */
export const wrongShape = fc.oneof(
  fc.anything({ maxDepth: 2, withBigInt: false, withMap: false, withSet: false, withTypedArray: true, withDate: true, withNullPrototype: true }),
  fc.record({ type: fc.constantFrom(...knownTypes), response: fc.anything({ maxDepth: 1 }), taskIds: fc.anything({ maxDepth: 1 }), results: fc.anything({ maxDepth: 2 }), tasks: fc.anything({ maxDepth: 2 }), rss: fc.double() }, { requiredKeys: ['type'] }),
);

