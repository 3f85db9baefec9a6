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
