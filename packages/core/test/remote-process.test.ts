import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

const scaler = fileURLToPath(new URL('./fixtures/remote-scaler.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('a request from another process', () => {
  it('keeps that process alive until the owner answers', { timeout: 120_000 }, async () => {
    const { cluster } = fakeCluster({ name: 'asked' }, { clock: systemClock });
    await cluster.start();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', tsx, '--conditions=@jq/source', scaler, 'asked'], { env: process.env }, (error, out) =>
        resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, stdout: out }),
      );
      child.stdin?.end();
    });
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'scaled\n' });
    expect(cluster.jobs()).toHaveLength(2);
  });
});
