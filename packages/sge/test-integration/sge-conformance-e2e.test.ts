import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endToEndTests } from '@jq/conformance';
import { ExecaCommandRunner } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { beforeAll, it, vi } from 'vitest';
import { sgeBackend } from '../src/index.js';
import { conformanceOptions, sgeConformanceFixtures } from '../test/sge-conformance-fixtures.js';
import { liveJobsNamed, sgeIsUp } from './sge-queue.js';

beforeAll(() => {
  if (!sgeIsUp()) throw new Error('[jq/sge] no SGE qmaster answers: run `bash ci/sge/up.sh` first');
});

let counter = 0;

// The conformance suite's end-to-end group against the real SGE. `vanishing: false`: SGE
// keeps an accounting record of every job that ran, so a job cannot disappear without a
// trace short of editing the qmaster's spool behind its back. `lostGracePeriod`: a job's
// record reaches qacct a second or two after the job leaves qstat (reporting flush_time
// is 1 s in ci/sge), longer than the suite's 0.5 s; the default is 60 s.
endToEndTests(it, () => sgeBackend, {
  options: conformanceOptions,
  fixtures: sgeConformanceFixtures,
  endToEnd: {
    async environment() {
      counter += 1;
      const jobName = `jq-conformance-${process.pid}-${counter}`;
      const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
      return {
        runner: new ExecaCommandRunner(),
        options: { jobName, logDirectory: directory, lostGracePeriod: 15 },
        async teardown() {
          await vi.waitFor(() => {
            if (liveJobsNamed(jobName).length > 0) throw new Error(`jobs of ${jobName} are still in the queue`);
          }, { timeout: 30_000, interval: 250 });
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
    scheduler: () => new EngineScheduler({ httpPort: false }),
    vanishing: false,
    timeoutMs: 60_000,
  },
});
