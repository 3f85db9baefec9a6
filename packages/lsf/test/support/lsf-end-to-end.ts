import { ExecaCommandRunner } from '@jq/core';
import type { EndToEndSetup } from '@jq/conformance';
import { EngineScheduler } from '@jq/engine';
import { createLsfEmulator } from '@jq/testkit';

/**
 * The end-to-end group against the LSF emulator: `bsub < script` really reads the
 * script from standard input, jobs are real local processes, and their `jq-worker`s
 * connect to a real native engine scheduler.
 */
export const lsfEndToEnd: EndToEndSetup = {
  async environment() {
    const emulator = await createLsfEmulator();
    return {
      runner: emulator.wrapRunner(new ExecaCommandRunner()),
      vanish: (id) => void emulator.vanish(id),
      teardown: () => emulator.close(),
    };
  },
  scheduler: () => new EngineScheduler({ httpPort: false }),
};
