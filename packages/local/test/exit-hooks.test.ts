import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobGroupOf, processAlive } from './support/local-cluster.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const owner = join(import.meta.dirname, 'fixtures', 'cluster-owner.ts');
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function startOwner(ending: 'wait' | 'exit'): { child: ChildProcess; directory: string; ids: Promise<string[]> } {
  const directory = mkdtempSync(join(tmpdir(), 'jq-owner-'));
  directories.push(directory);
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', owner, directory, ending], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ids = new Promise<string[]>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]!) as string[]);
    });
    child.on('exit', (code) => (output.includes('\n') ? undefined : reject(new Error(`owner exited with ${code}`))));
  });
  return { child, directory, ids };
}

describe('process exit cancels the jobs of every open cluster', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s', async (signal) => {
    const { child, directory, ids } = startOwner('wait');
    const jobIds = await ids;
    const groups = jobIds.map((id) => jobGroupOf(directory, id));
    expect(groups.every(processAlive)).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, received) => resolve(received)));
    child.kill(signal);
    expect(await exited).toBe(signal);
    await vi.waitFor(() => expect(groups.filter(processAlive)).toEqual([]), { timeout: 10_000 });
  });

  it('on a plain process.exit()', async () => {
    const { child, directory, ids } = startOwner('exit');
    const jobIds = await ids;
    await new Promise((resolve) => child.on('exit', resolve));
    await vi.waitFor(() => expect(jobIds.map((id) => jobGroupOf(directory, id)).filter(processAlive)).toEqual([]), { timeout: 10_000 });
  });
});
