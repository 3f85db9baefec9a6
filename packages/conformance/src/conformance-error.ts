import { messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';

/** `[jq/conformance]`: the prefix of every message the suite writes. */
export const conformancePrefix = messagePrefix(packageName);

/**
 * A backend broke the contract: a test failure, like an assertion error, not a runtime
 * error of jobqueue (so not a JobQueueError). The message says which backend, what was
 * expected and what it did, so an adapter author can fix it without reading the suite.
 */
export class ConformanceError extends Error {
  constructor(backendName: string, message: string, options?: { cause?: unknown }) {
    super(`${conformancePrefix} backend "${backendName}": ${message}`, options);
    this.name = 'ConformanceError';
  }
}

/** Throws a {@link ConformanceError} unless `condition` holds. */
export function check(backendName: string, condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceError(backendName, message);
}

/** Runs `action`, turning any throw into a {@link ConformanceError} that says what was being done. */
export function attempt<T>(backendName: string, what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ConformanceError) throw error;
    throw new ConformanceError(backendName, `${what} threw ${describeError(error)}`, { cause: error });
  }
}

/** Short JSON for messages. */
export function show(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof Map ? Object.fromEntries(item) : item));
  return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
