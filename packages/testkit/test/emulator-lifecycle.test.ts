import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createPbsEmulator } from '../src/index.js';
import { runCommand } from './run-command.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('emulator lifecycle', () => {
  it('close() kills every job process and removes the state', async () => {
    const emulator = await createPbsEmulator({ flavor: 'pbspro' });
    const script = join(emulator.stateDirectory, 'sleeper');
    writeFileSync(script, '#!/usr/bin/env bash\nsleep 60 & sleep 60\n');
    await runCommand(['qsub', script], emulator.env);
    await runCommand(['qsub', script], emulator.env);
    await vi.waitFor(() => expect(emulator.jobs().every((job) => job.pid !== undefined)).toBe(true), { timeout: 30_000 });
    const pids = emulator.jobs().flatMap((job) => [job.pid ?? 0, job.supervisorPid ?? 0]);
    await emulator.close();
    await vi.waitFor(() => expect(pids.filter(alive)).toEqual([]), { timeout: 30_000 });
    expect(existsSync(emulator.stateDirectory)).toBe(false);
    await emulator.close();
  });

  it('wrapRunner adds the emulator environment to every command', async () => {
    const emulator = await createPbsEmulator({ flavor: 'torque' });
    const seen: Array<Record<string, string> | undefined> = [];
    const runner = emulator.wrapRunner({ run: async (command: { argv: string[]; env?: Record<string, string> }, _options: { timeoutMs: number }) => void seen.push(command.env) });
    await runner.run({ argv: ['qstat'], env: { EXTRA: '1' } }, { timeoutMs: 1000 });
    expect(seen[0]).toEqual({ ...emulator.env, EXTRA: '1' });
    await emulator.close();
  });

  it('refuses to run outside a testkit environment', async () => {
    const emulator = await createPbsEmulator({ flavor: 'pbspro' });
    const result = await runCommand([join(emulator.binDirectory, 'qstat'), '-f'], { JQ_TESTKIT_STATE: '' });
    expect(result).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('JQ_TESTKIT_STATE is not set') });
    await emulator.close();
  });
});
