import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EndToEndSetup } from '@jq/conformance';
import { ExecaCommandRunner } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { vi } from 'vitest';
import type { RealSystem } from './real-system.js';

let counter = 0;

/**
 * The conformance suite's end-to-end group against a real system: each test's jobs
 * carry their own batch name and log directory, and the test ends only when none of
 * them is left in the queue. `vanishing: false`: a real system keeps an accounting
 * record of every job that ran, so a job cannot disappear without a trace.
 * `lostGracePeriod`: a job's record can reach accounting a little after it leaves the
 * queue, later than the suite's 0.5 s (the default is 60 s).
 */
export function realSystemEndToEnd(system: RealSystem, lostGracePeriod = 15): EndToEndSetup {
  return {
    async environment() {
      counter += 1;
      const jobName = `jq-conformance-${process.pid}-${counter}`;
      const directory = mkdtempSync(join(tmpdir(), `${jobName}-`));
      return {
        runner: new ExecaCommandRunner(),
        options: { jobName, logDirectory: directory, lostGracePeriod },
        async teardown() {
          await vi.waitFor(() => {
            if (system.liveJobsNamed(jobName).length > 0) throw new Error(`jobs of ${jobName} are still in the ${system.title} queue`);
          }, { timeout: 30_000, interval: 250 });
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
    scheduler: () => new EngineScheduler({ httpPort: false }),
    vanishing: false,
    timeoutMs: 60_000,
  };
}
