import type { EndToEndSetup } from '@jq/conformance';
import { ExecaCommandRunner } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import type { BatchEmulator } from '../batch-emulator.js';

/**
 * The conformance suite's end-to-end setup against an emulator that `start` brings up,
 * fresh for each test: jobs are real local processes, a vanished job is one the
 * emulator forgets, and the jobs' `jq-worker`s connect to a real native engine scheduler.
 */
export function emulatorEndToEnd(start: () => Promise<BatchEmulator>): EndToEndSetup {
  return {
    async environment() {
      const emulator = await start();
      return {
        runner: emulator.wrapRunner(new ExecaCommandRunner()),
        vanish: (id) => void emulator.vanish(id),
        teardown: () => emulator.close(),
      };
    },
    scheduler: () => new EngineScheduler({ httpPort: false }),
  };
}
