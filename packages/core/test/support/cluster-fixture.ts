import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type BackendOptions, JobQueueCluster, type JobQueueClusterSettings } from '../../src/index.js';
import { ManualClock, RecordingCommandRunner, TestScheduler } from '../../src/testing/index.js';
import { FakeBatchSystem, fakeBackend } from './fake-batch.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type FakeSettings = Partial<JobQueueClusterSettings<typeof fakeBackend, TestScheduler>>;

/**
 * A cluster over the fake batch system, on a manual clock, with a recording runner and
 * the test scheduler: deterministic, no processes. Closed after each test.
 */
export function fakeCluster(options: BackendOptions<typeof fakeBackend> = {}, settings: FakeSettings = {}, fixture: { chooseScriptDirectory?: boolean } = {}) {
  const clock = new ManualClock();
  const batch = new FakeBatchSystem();
  const runner = new RecordingCommandRunner().respond(batch.respond);
  const scheduler = new TestScheduler();
  const scriptDirectory = mkdtempSync(join(tmpdir(), 'jq-core-test-'));
  const cluster = new JobQueueCluster({
    backend: fakeBackend,
    scheduler,
    options: { name: 'test', cores: 1, memory: '1GB', ...(fixture.chooseScriptDirectory === false ? {} : { scriptDirectory }), ...options },
    config: false,
    runner,
    clock,
    handleExit: false,
    ...settings,
  });
  cleanups.push(async () => {
    await clock.whilePending(cluster.close());
    rmSync(scriptDirectory, { recursive: true, force: true });
  });
  /** Argv of every call to `program`. */
  const calls = (program: string) => runner.calls.filter((command) => command.argv[0] === program).map((command) => command.argv);
  return { clock, batch, runner, scheduler, cluster, scriptDirectory, calls };
}
