import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BackendV1, JobQueueError, renderJobScript } from '../src/index.js';
import { fakeCluster } from './support/cluster-fixture.js';
import { fakeBackend } from './support/fake-batch.js';

/** The fake system, rendering like HTCondor: a description naming an executable that holds the body. */
function withExecutable(place: (scriptPath: string) => string = (scriptPath) => `${scriptPath}.executable`): typeof fakeBackend {
  const backend: BackendV1<typeof fakeBackend.options> = {
    ...fakeBackend,
    render: (job, options) => ({
      script: renderJobScript(options, [`#FAKE -x ${place(job.scriptPath)}`], 'submit'),
      executable: { path: place(job.scriptPath), text: `#!/bin/sh\n${job.body}\n` },
    }),
  };
  return backend;
}

describe("a backend's executable", () => {
  it('is written private (0700) beside the script, holds the secret the script does not, goes to the runner with it, and is deleted at close', async () => {
    const { cluster, clock, runner, scriptDirectory } = fakeCluster({}, { backend: withExecutable() });
    await cluster.scale(1);
    const script = join(scriptDirectory, 'test-0.sh');
    const executable = `${script}.executable`;
    expect(statSync(script).mode & 0o777).toBe(0o600);
    expect(statSync(executable).mode & 0o777).toBe(0o700);
    expect(readFileSync(executable, 'utf8')).toContain('export JQ_TEST_SECRET=not-a-real-secret\n');
    expect(readFileSync(script, 'utf8')).not.toContain('not-a-real-secret');
    expect(runner.callsWith(script).map((command) => command.localFiles)).toEqual([[script, executable]]);
    await clock.whilePending(cluster.close());
    expect(existsSync(executable)).toBe(false);
    expect(existsSync(scriptDirectory) ? readdirSync(scriptDirectory) : []).toEqual([]);
  });

  it('is previewed after the script, under a comment line naming it, with the secrets redacted', () => {
    const { cluster, scriptDirectory } = fakeCluster({}, { backend: withExecutable() });
    const preview = cluster.jobScript();
    const executable = join(scriptDirectory, 'test-0.sh.executable');
    expect(preview).toContain(`#FAKE -x ${executable}\nsubmit\n\n# ---- the executable the script above runs: ${executable} ----\n#!/bin/sh\n`);
    expect(preview).toContain('export JQ_TEST_SECRET=\\<redacted\\>');
    expect(preview).not.toContain('not-a-real-secret');
  });

  it('is refused, before anything is written or submitted, when the backend places it outside the folder of the script', async () => {
    const { cluster, runner, scriptDirectory } = fakeCluster({}, { backend: withExecutable(() => '/tmp/elsewhere.executable') });
    await expect(cluster.scale(1)).rejects.toSatisfy((error: unknown) => JobQueueError.hasCode(error, 'JQ_SUBMIT_FAILED') && /must be another file in the folder of the script/.test(String(error)));
    expect(runner.calls.filter((command) => command.argv[0] === 'fsub')).toEqual([]);
    expect(existsSync(scriptDirectory) ? readdirSync(scriptDirectory) : []).toEqual([]);
  });
});
