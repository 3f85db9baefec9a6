/**
 * Small strict checks for protocol frames, written by hand so a worker validates what it
 * receives without loading a schema compiler at start-up. They follow the semantics of the
 * typebox schemas in `@jq/core`'s worker-protocol-v1 exactly (a test compares the two on
 * fuzzed values): objects are non-null non-arrays, numbers are finite, a required key may be
 * inherited, an optional key may be absent or `undefined`, unknown keys are allowed.
 */

/** A check: `undefined` when the value passes, else what is wrong (`/path message`). */
export type Check = (value: unknown) => string | undefined;

/** Any value at all (a task's arguments and results are the application's business). */
export const anything: Check = () => undefined;

/** A string, at least `minLength` characters. */
export function string(minLength = 0): Check {
  return (value) => (typeof value !== 'string' ? ' must be a string' : value.length < minLength ? ` must have at least ${minLength} characters` : undefined);
}

/** A finite number, optionally bounded below (inclusive or exclusive). */
export function number(bounds: { minimum?: number; exclusiveMinimum?: number } = {}): Check {
  return (value) => {
    if (!Number.isFinite(value)) return ' must be a finite number';
    return outOfBounds(value as number, bounds);
  };
}

/** An integer, optionally bounded below. */
export function integer(bounds: { minimum?: number } = {}): Check {
  return (value) => (Number.isInteger(value) ? outOfBounds(value as number, bounds) : ' must be an integer');
}

function outOfBounds(value: number, bounds: { minimum?: number; exclusiveMinimum?: number }): string | undefined {
  if (bounds.minimum !== undefined && value < bounds.minimum) return ` must be >= ${bounds.minimum}`;
  if (bounds.exclusiveMinimum !== undefined && value <= bounds.exclusiveMinimum) return ` must be > ${bounds.exclusiveMinimum}`;
  return undefined;
}

/** `true` or `false`. */
export const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : ' must be a boolean');

/** Exactly this value. */
export function literal(expected: string | number | boolean): Check {
  return (value) => (value === expected ? undefined : ` must be ${JSON.stringify(expected)}`);
}

/** Binary data (a Buffer is one). */
export const bytes: Check = (value) => (value instanceof Uint8Array ? undefined : ' must be binary data');

/** An array whose every item passes `item`. */
export function arrayOf(item: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return ' must be an array';
    for (let index = 0; index < value.length; index += 1) {
      const problem = item(value[index]);
      if (problem !== undefined) return `/${index}${problem}`;
    }
    return undefined;
  };
}

/** Is a non-null, non-array object (what a schema's `type: object` accepts). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose every own value passes `item` (a map from names to values). */
export function recordOf(item: Check): Check {
  return (value) => {
    if (!isObject(value)) return ' must be an object';
    for (const [key, field] of Object.entries(value)) {
      const problem = item(field);
      if (problem !== undefined) return `/${key}${problem}`;
    }
    return undefined;
  };
}

/** An object with these required and optional properties; other keys are allowed. */
export function object(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const requiredEntries = Object.entries(required);
  const optionalEntries = Object.entries(optional);
  return (value) => {
    if (!isObject(value)) return ' must be an object';
    for (const [key, check] of requiredEntries) {
      if (!(key in value)) return `/${key} is required`;
      const problem = check(value[key]);
      if (problem !== undefined) return `/${key}${problem}`;
    }
    for (const [key, check] of optionalEntries) {
      const field = value[key];
      if (field === undefined) continue;
      const problem = check(field);
      if (problem !== undefined) return `/${key}${problem}`;
    }
    return undefined;
  };
}

/** Passes when any of `checks` passes; reports the first one's problem otherwise. */
export function anyOf(...checks: Check[]): Check {
  return (value) => {
    let first: string | undefined;
    for (const check of checks) {
      const problem = check(value);
      if (problem === undefined) return undefined;
      first ??= problem;
    }
    return first;
  };
}
