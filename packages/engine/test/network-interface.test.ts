import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { schedulerListenFor } from '../src/network-interface.js';
import { EngineHarness, exited } from './helpers/engine-harness.js';

const ipv4 = (address: string): NetworkInterfaceInfo => ({ address, family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '00:00:00:00:00:00', cidr: `${address}/16` });
const loginNode = { lo: [{ ...ipv4('127.0.0.1'), internal: true }], eth0: [ipv4('10.1.0.5')] };

describe('where the scheduler listens for the cluster’s interface', () => {
  it('on the interface’s address when this host has it', () => {
    expect(schedulerListenFor('eth0', loginNode)).toEqual({ host: '10.1.0.5' });
  });

  it('on every address with a note naming the interfaces present when it has not', () => {
    const { host, note } = schedulerListenFor('ib0', loginNode);
    expect(host).toBe('0.0.0.0');
    expect(note).toMatch(/interface ib0 is not on this host \(it has lo, eth0\).*schedulerInterface/);
  });
});

let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('workers connect from the cluster’s interface', () => {
  it('a scheduler told the loopback interface listens there, and a worker bound to it registers', async () => {
    harness = new EngineHarness();
    expect(harness.scheduler.listenOn('lo')).toBeUndefined();
    await harness.start();
    expect(harness.scheduler.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.scheduler.workerCommand({ jobKey: 'a', pool: 'default', processes: 1, threads: 1, memoryLimit: 0, deathTimeout: 10, extraArgs: [], interface: 'lo' })).toEqual(
      expect.arrayContaining(['--interface', 'lo']),
    );
    await harness.startWorkers(1, { interface: 'lo' });
    expect(await harness.client.gather(harness.client.map((value: number) => value * 2, [1, 2, 3]))).toEqual([2, 4, 6]);
  });

  it('a worker asked for an interface its node lacks exits at once, naming those it has', async () => {
    harness = await new EngineHarness().start();
    const worker = harness.spawnWorker('missing', { interface: 'ib7' });
    expect(await exited(worker)).toBe(2);
    expect(harness.logs.join('')).toMatch(/--interface: ib7 is not on .* \(it has lo.*\)/);
  });

  it('a scheduler given its own host keeps it', () => {
    harness = new EngineHarness({ host: '127.0.0.1' });
    expect(harness.scheduler.listenOn('eth0')).toBeUndefined();
    expect(harness.scheduler.options.host).toBe('127.0.0.1');
  });
});
