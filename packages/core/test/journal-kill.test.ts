import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterJournal } from '../src/index.js';

const writer = fileURLToPath(new URL('./fixtures/journal-writer.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const writers = new Set<ReturnType<typeof spawn>>();
// A round cut short by the time limit must not leave its writer writing.
afterEach(() => {
  for (const child of writers) child.kill('SIGKILL');
  writers.clear();
});

/** Starts the writer, lets it write for `delayMs`, kills it with SIGKILL. */
async function killWhileWriting(name: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', writer, name], { stdio: ['ignore', 'pipe', 'inherit'] });
  writers.add(child);
  child.once('exit', () => writers.delete(child));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('journal writes under SIGKILL', () => {
  it('always leave a whole, readable state', { timeout: 600_000 }, async () => {
    const rounds: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 150 }), async (delayMs) => {
        await killWhileWriting('killed', delayMs);
        const state = ClusterJournal.prepare('killed').journal.readState();
        expect(state?.jobs).toHaveLength(200);
        expect(state?.targets.default).toBe(state?.updatedAt);
        rounds.push(state!.updatedAt);
      }),
      { numRuns: 12, seed: 20261201 },
    );
    // The writer was killed mid-stream, not before its first write: the property was really exercised.
    expect(Math.max(...rounds)).toBeGreaterThan(10);
  });
});
