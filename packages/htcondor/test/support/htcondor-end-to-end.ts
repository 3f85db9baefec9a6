import { ExecaCommandRunner } from '@jq/core';
import type { EndToEndSetup } from '@jq/conformance';
import { EngineScheduler } from '@jq/engine';
import { createHtcondorEmulator } from '@jq/testkit';

/**
 * The end-to-end group against the HTCondor emulator: condor_submit reads the rendered
 * description, jobs run `/bin/sh -c <body>` as real local processes, finished jobs
 * move to condor_history, and their `jq-worker`s connect to a native engine scheduler.
 */
export const htcondorEndToEnd: EndToEndSetup = {
  async environment() {
    const emulator = await createHtcondorEmulator();
    return {
      runner: emulator.wrapRunner(new ExecaCommandRunner()),
      vanish: (id) => void emulator.vanish(id),
      teardown: () => emulator.close(),
    };
  },
  scheduler: () => new EngineScheduler({ httpPort: false }),
};
