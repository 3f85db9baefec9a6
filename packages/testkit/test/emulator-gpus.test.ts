import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BatchEmulator, createHtcondorEmulator, createLsfEmulator, createMoabEmulator, createPbsEmulator } from '../src/index.js';
import { runCommand } from './run-command.js';

let emulator: BatchEmulator;
afterEach(() => emulator.close());

function file(name: string, text: string): string {
  const path = join(emulator.stateDirectory, name);
  writeFileSync(path, text);
  return path;
}

const shell = (prefix: string, directives: string[]) => `#!/usr/bin/env bash\n${directives.map((line) => `${prefix} ${line}`).join('\n')}\ntrue\n`;
const description = (request: string) => `batch_name = g\n${request}\nExecutable = /bin/true\nQueue\n`;

describe('GPU requests in the emulators', () => {
  it('PBS Pro: ngpus in the select chunks (times the chunk count); refused when not a whole number ≥ 1 or unknown', async () => {
    emulator = await createPbsEmulator({ flavor: 'pbspro' });
    expect((await runCommand(['qsub', file('a.sh', shell('#PBS', ['-l select=2:ncpus=4:mem=2GB:ngpus=1']))], emulator.env)).exitCode).toBe(0);
    expect(emulator.job('1.emulator')).toMatchObject({ gpus: 2, resources: { select: '2:ncpus=4:mem=2GB:ngpus=1' } });
    for (const [name, select, message] of [['b', '1:ncpus=1:ngpus=0', 'Illegal'], ['c', '1:ncpus=1:ngpus=1.5', 'Illegal'], ['d', '1:ncpus=1:gpus=1', 'Unknown resource gpus']] as const) {
      const refused = await runCommand(['qsub', file(`${name}.sh`, shell('#PBS', [`-l select=${select}`]))], emulator.env);
      expect(refused).toMatchObject({ exitCode: 2, stderr: expect.stringContaining(message) });
    }
    expect(emulator.jobs()).toHaveLength(1);
  });

  it('Torque and Moab: gpus per node in nodes=; no field for a job without GPUs', async () => {
    emulator = await createPbsEmulator({ flavor: 'torque' });
    await runCommand(['qsub', file('a.sh', shell('#PBS', ['-l nodes=1:ppn=4:gpus=2,mem=2GB']))], emulator.env);
    await runCommand(['qsub', file('b.sh', shell('#PBS', ['-l nodes=1:ppn=4,mem=2GB']))], emulator.env);
    expect(emulator.job('1.emulator')?.gpus).toBe(2);
    expect(emulator.job('2.emulator')).not.toHaveProperty('gpus');
    await emulator.close();
    emulator = await createMoabEmulator();
    await runCommand(['msub', file('m.sh', shell('#PBS', ['-l nodes=1:ppn=1:gpus=1,mem=1GB']))], emulator.env);
    expect(emulator.job('1')?.gpus).toBe(1);
  });

  it('LSF: -gpu "num=N"; refused unless N is a whole number ≥ 1', async () => {
    emulator = await createLsfEmulator();
    expect((await runCommand(['bsub', file('a.sh', shell('#BSUB', ['-gpu "num=3:mode=shared"']))], emulator.env)).exitCode).toBe(0);
    expect(emulator.job('1')?.gpus).toBe(3);
    const refused = await runCommand(['bsub', file('b.sh', shell('#BSUB', ['-gpu "num=-1"']))], emulator.env);
    expect(refused).toMatchObject({ exitCode: 255, stderr: expect.stringContaining('Bad GPU requirement') });
  });

  it('HTCondor: request_gpus; refused unless a whole number ≥ 1', async () => {
    emulator = await createHtcondorEmulator();
    expect((await runCommand(['condor_submit', file('a.sub', description('request_gpus = 2'))], emulator.env)).exitCode).toBe(0);
    expect(emulator.job('1.0')?.gpus).toBe(2);
    const refused = await runCommand(['condor_submit', file('b.sub', description('request_gpus = 0.5'))], emulator.env);
    expect(refused).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('request_gpus') });
  });
});
