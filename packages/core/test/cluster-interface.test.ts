import { describe, expect, it, vi } from 'vitest';
import { TestScheduler } from '../src/testing/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

/** A scheduler that knows only `ib0` on this host, as a login node without the compute network would not. */
class InterfaceScheduler extends TestScheduler {
  readonly asked: string[] = [];
  listenOn(networkInterface: string): string | undefined {
    this.asked.push(networkInterface);
    return networkInterface === 'ib0' ? undefined : `${networkInterface} is not on this host: listening on every address`;
  }
}

describe('the cluster’s network interface reaches the scheduler', () => {
  it('asks the scheduler to listen on schedulerInterface when set, else on interface', async () => {
    const both = new InterfaceScheduler();
    const { cluster, clock } = fakeCluster({ interface: 'ib1', schedulerInterface: 'ib0' }, { scheduler: both });
    await clock.whilePending(cluster.start());
    expect(both.asked).toEqual(['ib0']);
    expect(cluster.notices).toEqual([]);

    const workersOnly = new InterfaceScheduler();
    const second = fakeCluster({ name: 'second', interface: 'ib0' }, { scheduler: workersOnly });
    await second.clock.whilePending(second.cluster.start());
    expect(workersOnly.asked).toEqual(['ib0']);
  });

  it('keeps the scheduler’s note when the interface is not on this host, and warns once', async () => {
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const scheduler = new InterfaceScheduler();
    const { cluster, clock } = fakeCluster({ interface: 'eth9' }, { scheduler });
    await clock.whilePending(cluster.start());
    expect(cluster.notices).toEqual(['eth9 is not on this host: listening on every address']);
    expect(warning).toHaveBeenCalledWith('eth9 is not on this host: listening on every address', { code: 'JQ_INTERFACE_ABSENT' });
    warning.mockRestore();
  });

  it('asks nothing when no interface is set, and puts the interface into the workers’ launch', async () => {
    const scheduler = new InterfaceScheduler();
    const plain = fakeCluster({}, { scheduler });
    await plain.clock.whilePending(plain.cluster.start());
    expect(scheduler.asked).toEqual([]);
    const launches: unknown[] = [];
    const recording = new (class extends TestScheduler {
      override workerCommand(launch: Parameters<TestScheduler['workerCommand']>[0]): string[] {
        launches.push(launch);
        return super.workerCommand(launch);
      }
    })();
    const withInterface = fakeCluster({ name: 'launch', interface: 'ib0' }, { scheduler: recording });
    withInterface.cluster.jobScript();
    expect(launches).toContainEqual(expect.objectContaining({ interface: 'ib0' }));
  });
});
