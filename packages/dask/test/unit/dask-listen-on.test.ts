import { describe, expect, it } from 'vitest';
import { DaskScheduler } from '../../src/index.js';

describe('the cluster’s interface and the Dask scheduler', () => {
  it('listens on the interface when this host has it, and records it for a successor', () => {
    const scheduler = new DaskScheduler();
    expect(scheduler.listenOn('lo')).toBeUndefined();
    expect(scheduler.options.interface).toBe('lo');
    expect(scheduler.record().settings).toMatchObject({ options: { interface: 'lo' } });
  });

  it('says so when the interface is not on this host', () => {
    expect(new DaskScheduler().listenOn('ib7')).toMatch(/^\[jq\/dask\] interface ib7 is not on this host \(it has lo.*\): the Dask scheduler listens on every address/);
  });

  it('keeps its own host or interface', () => {
    const pinned = new DaskScheduler({ host: '127.0.0.1' });
    expect(pinned.listenOn('eth0')).toBeUndefined();
    expect(pinned.options.interface).toBeUndefined();
    const own = new DaskScheduler({ interface: 'lo' });
    expect(own.listenOn('eth0')).toBeUndefined();
    expect(own.options.interface).toBe('lo');
  });
});
