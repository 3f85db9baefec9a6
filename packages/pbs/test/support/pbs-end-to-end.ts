import { ExecaCommandRunner } from '@jq/core';
import type { EndToEndSetup } from '@jq/conformance';
import { EngineScheduler } from '@jq/engine';
import { createPbsEmulator, type PbsFlavor } from '@jq/testkit';

/**
 * The end-to-end group against the PBS emulator: jobs are real local processes, and
 * their `jq-worker`s connect to a real native engine scheduler.
 */
export function pbsEndToEnd(flavor: PbsFlavor): EndToEndSetup {
  return {
    async environment() {
      const emulator = await createPbsEmulator({ flavor });
      return {
        runner: emulator.wrapRunner(new ExecaCommandRunner()),
        vanish: (id) => void emulator.vanish(id),
        teardown: () => emulator.close(),
      };
    },
    scheduler: () => new EngineScheduler({ httpPort: false }),
  };
}
