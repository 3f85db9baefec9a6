/** Constructors whose instances neither the structured clone nor msgpack can carry. */
const unsendableClasses: Array<[new (...args: never[]) => unknown, string]> = [
  [WeakMap, 'a WeakMap'],
  [WeakSet, 'a WeakSet'],
  [WeakRef, 'a WeakRef'],
  [Promise, 'a Promise (await it in the task)'],
];

/** Where in a value the unsendable part is (path segments, innermost first: collected on the way out) and what it is. */
interface Unsendable {
  segments: string[];
  description: string;
}

/**
 * Finds the first part of `value` that cannot travel between processes (a function, a
 * symbol, a WeakMap, a Promise…) and says where it is: `result.items[2] is a function`.
 * Big binary data (typed arrays) is not looked into. It runs for every task's arguments
 * and every result, so the path is only spelled out once something is found, and
 * primitives are passed over without a call.
 */
export function findUnsendable(value: unknown, path: string): string | undefined {
  // The common cases, a primitive result and an argument list of primitives, need no walk.
  if (!mayHoldUnsendable(value) || (Array.isArray(value) && !value.some(mayHoldUnsendable))) return undefined;
  const found = walk(value, new Set());
  if (found === undefined) return undefined;
  return `${path}${found.segments.reverse().join('')} is ${found.description}`;
}

function walk(value: unknown, seen: Set<object>): Unsendable | undefined {
  if (typeof value === 'function') return { segments: [], description: `a function${value.name ? ` (${value.name})` : ''}` };
  if (typeof value === 'symbol') return { segments: [], description: `a symbol (${String(value)})` };
  if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  seen.add(value);
  for (const [type, description] of unsendableClasses) if (value instanceof type) return { segments: [], description };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = walkChild(value[index], seen);
      if (found !== undefined) return within(found, `[${index}]`);
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      const atKey = walkChild(key, seen);
      if (atKey !== undefined) return within(atKey, ' key');
      const atEntry = walkChild(entry, seen);
      if (atEntry !== undefined) return within(atEntry, `.get(${String(key)})`);
    }
    return undefined;
  }
  if (value instanceof Set) {
    for (const entry of value) {
      const found = walkChild(entry, seen);
      if (found !== undefined) return within(found, ' entry');
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = walkChild((value as Record<string, unknown>)[key], seen);
    if (found !== undefined) return within(found, `.${key}`);
  }
  return undefined;
}

function walkChild(child: unknown, seen: Set<object>): Unsendable | undefined {
  return mayHoldUnsendable(child) ? walk(child, seen) : undefined;
}

function mayHoldUnsendable(value: unknown): boolean {
  const type = typeof value;
  return (type === 'object' && value !== null) || type === 'function' || type === 'symbol';
}

/** Adds the segment that leads from the parent to the child where the problem is (segments are collected innermost first). */
function within(found: Unsendable, segment: string): Unsendable {
  found.segments.push(segment);
  return found;
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
