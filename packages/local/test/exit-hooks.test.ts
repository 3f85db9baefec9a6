import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, jobGroupOf, processAlive } from './support/local-cluster.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const owner = join(import.meta.dirname, 'fixtures', 'cluster-owner.ts');
const directories: string[] = [];
const owners: ChildProcess[] = [];
afterEach(async () => {
  // A failed test must not leave its owner or the owner's jobs running.
  for (const child of owners.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const directory of directories.splice(0)) {
    for (const group of jobGroupsIn(directory)) signalGroup(group);
    rmSync(directory, { recursive: true, force: true });
  }
});

function jobGroupsIn(directory: string): number[] {
  const state = join(directory, 'local-jobs');
  if (!existsSync(state)) return [];
  return readdirSync(state)
    .filter((name) => name.endsWith('.group.json'))
    .map((name) => (JSON.parse(readFileSync(join(state, name), 'utf8')) as { group: number }).group);
}

function signalGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function startOwner(ending: 'wait' | 'exit'): { child: ChildProcess; directory: string; ids: Promise<string[]> } {
  const directory = mkdtempSync(join(tmpdir(), 'jq-owner-'));
  directories.push(directory);
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', owner, directory, ending], { stdio: ['ignore', 'pipe', 'inherit'] });
  owners.push(child);
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

// Each test starts an owner through tsx, which at a load of 36 on 2 cores took over two minutes
// to print its job ids: this bound only guards against a hang.
const ownerBound = 300_000;

describe('process exit cancels the jobs of every open cluster', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s', async (signal) => {
    const { child, directory, ids } = startOwner('wait');
    const jobIds = await ids;
    const groups = jobIds.map((id) => jobGroupOf(directory, id));
    expect(groups.every(processAlive)).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, received) => resolve(received)));
    child.kill(signal);
    expect(await exited).toBe(signal);
    await eventually(() => expect(groups.filter(processAlive)).toEqual([]));
  }, ownerBound);

  it('on a plain process.exit()', async () => {
    const { child, directory, ids } = startOwner('exit');
    const jobIds = await ids;
    await new Promise((resolve) => child.on('exit', resolve));
    await eventually(() => expect(jobIds.map((id) => jobGroupOf(directory, id)).filter(processAlive)).toEqual([]));
  }, ownerBound);
});
