import { ExecaCommandRunner } from '@jq/core';
import type { EndToEndSetup } from '@jq/conformance';
import { EngineScheduler } from '@jq/engine';
import { createMoabEmulator } from '@jq/testkit';

/**
 * The end-to-end group against the Moab emulator: `msub` reads the `#PBS` lines, jobs are
 * real local processes, and their `jq-worker`s connect to a real native engine scheduler.
 */
export const moabEndToEnd: EndToEndSetup = {
  async environment() {
    const emulator = await createMoabEmulator();
    return {
      runner: emulator.wrapRunner(new ExecaCommandRunner()),
      vanish: (id) => void emulator.vanish(id),
      teardown: () => emulator.close(),
    };
  },
  scheduler: () => new EngineScheduler({ httpPort: false }),
};
