import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaCommandRunner } from '@jq/core';
import { TestScheduler } from '@jq/core/testing';
import { createPbsEmulator, type PbsFlavor } from '@jq/testkit';
import { describe, expect, it } from 'vitest';
import { createPbsCluster, createTorqueCluster } from '../src/index.js';

const factories = { pbspro: createPbsCluster, torque: createTorqueCluster } as const;

describe('GPUs through the PBS emulators', () => {
  it.each([
    ['pbspro', 'select', /^1:ncpus=2:mem=\d+MB:ngpus=2$/],
    ['torque', 'nodes', /^1:ppn=2:gpus=2$/],
  ] as const)('%s: qsub accepts the rendered request and records 2 GPUs (%s)', async (flavor: PbsFlavor, resource, request) => {
    const emulator = await createPbsEmulator({ flavor });
    const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-pbs-gpus-'));
    const cluster = factories[flavor]({
      scheduler: new TestScheduler(['sleep', '30']),
      options: { name: 'gpus', cores: 2, memory: '1GB', gpus: 2, scriptDirectory },
      runner: emulator.wrapRunner(new ExecaCommandRunner()),
      handleExit: false,
    });
    try {
      await cluster.scale(1);
      const [job] = cluster.jobs();
      expect(emulator.job(job!.id)).toMatchObject({ gpus: 2, resources: { [resource]: expect.stringMatching(request) } });
    } finally {
      await cluster.close();
      await emulator.close();
      rmSync(scriptDirectory, { recursive: true, force: true });
    }
  });
});
