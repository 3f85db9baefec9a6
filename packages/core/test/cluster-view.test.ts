import { describe, expect, it } from 'vitest';
import type { ClusterView, JobInfo } from '../src/index.js';
import { TestScheduler } from '../src/testing/index.js';
import { fakeCluster } from './support/cluster-fixture.js';

/** A scheduler that keeps the view the cluster hands it, as a dashboard-serving scheduler does. */
class ViewingScheduler extends TestScheduler {
  views: ClusterView[] = [];
  attachCluster(view: ClusterView): void {
    this.views.push(view);
  }
}

describe('the cluster view a scheduler is handed', () => {
  it('is handed once, before start, and reads the table, the adapt bounds, the events and the close', async () => {
    const scheduler = new ViewingScheduler();
    const { cluster, clock } = fakeCluster({}, { scheduler });
    expect(scheduler.views).toHaveLength(1);
    const view = scheduler.views[0]!;
    expect(view).toBe(cluster.view);
    expect(view).toMatchObject({ name: 'test', backend: 'fake', pools: ['default'], startedAt: clock.now() });
    expect(Object.isFrozen(view)).toBe(true);
    expect('scale' in view || 'close' in view).toBe(false);

    const submitted: JobInfo[] = [];
    view.on('job-submitted', (job) => submitted.push(job));
    await cluster.scale(2);
    expect(submitted.map((job) => job.key)).toEqual(['test-0', 'test-1']);
    expect(view.snapshot()).toMatchObject({ targets: { default: 2 }, jobs: [{ key: 'test-0' }, { key: 'test-1' }] });

    expect(view.adaptBounds()).toBeUndefined();
    cluster.adapt({ minimum: 1, maximum: 3 });
    await clock.advance(0);
    expect(view.adaptBounds()).toEqual({ default: { minimumJobs: 1, maximumJobs: 3 } });
    cluster.adapt(false);
    expect(view.adaptBounds()).toBeUndefined();

    expect(view.closed()).toBe(false);
    await clock.whilePending(cluster.close());
    expect(view.closed()).toBe(true);
  });
});
