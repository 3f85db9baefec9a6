import type { TestFunction } from '../../src/index.js';

/** Registers a suite into a list instead of a runner, then runs it and reports each outcome. */
export async function runCollected(register: (test: TestFunction) => void): Promise<Map<string, string | undefined>> {
  const tests: Array<{ name: string; body: () => Promise<void> | void }> = [];
  register((name, body) => tests.push({ name, body }));
  const outcomes = new Map<string, string | undefined>();
  for (const { name, body } of tests) {
    try {
      await body();
      outcomes.set(name, undefined);
    } catch (error) {
      outcomes.set(name, (error as Error).message);
    }
  }
  return outcomes;
}
