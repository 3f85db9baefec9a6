/** Constructors whose instances neither the structured clone nor msgpack can carry. */
const unsendableClasses: Array<[new (...args: never[]) => unknown, string]> = [
  [WeakMap, 'a WeakMap'],
  [WeakSet, 'a WeakSet'],
  [WeakRef, 'a WeakRef'],
  [Promise, 'a Promise (await it in the task)'],
];

/**
 * Finds the first part of `value` that cannot travel between processes (a function, a
 * symbol, a WeakMap, a Promise…) and says where it is: `result.items[2] is a function`.
 * Only walked when sending failed or before sending arguments, so big binary data (typed
 * arrays) is not looked into.
 */
export function findUnsendable(value: unknown, path: string, seen = new Set<object>()): string | undefined {
  if (typeof value === 'function') return `${path} is a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'symbol') return `${path} is a symbol (${String(value)})`;
  if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  seen.add(value);
  for (const [type, description] of unsendableClasses) if (value instanceof type) return `${path} is ${description}`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const problem = findUnsendable(value[index], `${path}[${index}]`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      const problem = findUnsendable(key, `${path} key`, seen) ?? findUnsendable(entry, `${path}.get(${String(key)})`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (value instanceof Set) {
    for (const entry of value) {
      const problem = findUnsendable(entry, `${path} entry`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const problem = findUnsendable((value as Record<string, unknown>)[key], `${path}.${key}`, seen);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * A lower bound of the bytes `value` takes once encoded: string lengths and binary sizes,
 * over at most `budget` parts (a huge array is not walked to its end; what was counted
 * is still a lower bound). Lets a thread refuse a result that cannot fit in a frame
 * before copying it anywhere.
 */
export function encodedSizeAtLeast(value: unknown, budget = 10_000): number {
  let total = 0;
  let visited = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && visited < budget) {
    const item = pending.pop();
    visited += 1;
    if (typeof item === 'string') total += item.length;
    else if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) total += item.byteLength;
    else if (Array.isArray(item)) pending.push(...item.slice(0, budget - visited));
    else if (typeof item === 'object' && item !== null) pending.push(...Object.values(item).slice(0, budget - visited));
    else total += 1;
  }
  return total;
}
