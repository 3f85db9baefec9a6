import { describe, expect, it } from 'vitest';
import { findUnsendable } from '../src/protocol/protocol-values.js';

function format(): string {
  return '';
}

describe('findUnsendable', () => {
  it('passes values that travel: primitives, nested arrays and objects, Maps, Sets, binary data, cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'node' };
    cyclic.self = cyclic;
    const values = [1, 'text', true, null, undefined, 10n, [1, [2, [3]]], { a: { b: [1, 'x'] } }, new Map([['k', { v: 1 }]]), new Set([1, [2]]), new Float64Array(4), new ArrayBuffer(8), cyclic];
    expect(findUnsendable(values, 'args')).toBeUndefined();
  });

  it.each([
    [[1, format], 'args[1] is a function (format)'],
    [[{ items: [0, 1, Symbol('tag')] }], 'args[0].items[2] is a symbol (Symbol(tag))'],
    [[new Map([[new WeakMap(), 1]])], 'args[0] key is a WeakMap'],
    [[new Map([['reply', Promise.resolve(1)]])], 'args[0].get(reply) is a Promise (await it in the task)'],
    [[new Set([1, new WeakSet()])], 'args[0] entry is a WeakSet'],
    [[{ deep: { deeper: [[{ ref: new WeakRef({}) }]] } }], 'args[0].deep.deeper[0][0].ref is a WeakRef'],
  ])('names where the first part that cannot travel is: %#', (value, message) => {
    expect(findUnsendable(value, 'args')).toBe(message);
  });

  it('names the value itself when it is the problem, and does not look into binary data', () => {
    expect(findUnsendable(format, 'result')).toBe('result is a function (format)');
    expect(findUnsendable(new Uint8Array([1, 2]), 'result')).toBeUndefined();
  });
});
