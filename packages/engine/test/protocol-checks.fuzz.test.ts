// The worker checks frames by hand (no schema compiler at start-up); the typebox schemas in
// @jq/core stay the contract. Both must accept exactly the same values.
import { SchedulerMessage, WorkerMessage } from '@jq/core';
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { checkSchedulerMessage, checkWorkerMessage } from '../src/protocol/protocol-validators.js';
import { runs, validMessages, wrongShape } from './helpers/protocol-samples.js';

const schemas = { worker: Compile(WorkerMessage), scheduler: Compile(SchedulerMessage) };

/** A valid message with one field removed, replaced by anything, or one nested field broken. */
const mutated = fc
  .tuple(fc.constantFrom(...validMessages), fc.nat(), fc.oneof(fc.constant('delete'), fc.anything({ maxDepth: 1 }), fc.double(), fc.integer({ min: -3, max: 3 })), fc.nat())
  .map(([message, pick, replacement, depth]) => {
    const copy = structuredClone(message) as Record<string, unknown>;
    let target: Record<string, unknown> = copy;
    // Walk into a nested object or array item now and then, so inner fields get broken too.
    for (let level = 0; level < depth % 3; level += 1) {
      const nested = Object.values(target).filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !(value instanceof Uint8Array));
      if (nested.length === 0) break;
      let next: unknown = nested[pick % nested.length];
      if (Array.isArray(next)) next = next[0];
      if (typeof next !== 'object' || next === null || next instanceof Uint8Array) break;
      target = next as Record<string, unknown>;
    }
    const keys = Object.keys(target);
    const key = keys[pick % Math.max(1, keys.length)] ?? 'type';
    if (replacement === 'delete') delete target[key];
    else target[key] = replacement;
    return copy;
  });

describe('hand-written protocol checks against the typebox schemas', () => {
  it('accept and refuse exactly the same values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...validMessages), mutated, wrongShape), (value) => {
        expect('message' in checkWorkerMessage(value)).toBe(schemas.worker.Check(value));
        expect('message' in checkSchedulerMessage(value)).toBe(schemas.scheduler.Check(value));
      }),
      { ...runs, numRuns: 3000 },
    );
  });
});

