/** A cluster as the process-exit hooks see it. */
export interface ExitParticipant {
  /** Cancels every job and stops the scheduler. */
  close(): Promise<void>;
  /** Last resort on `exit`, where nothing async can run: cancels jobs synchronously. */
  cancelSynchronously(): void;
}

const participants = new Set<ExitParticipant>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

/**
 * Registers `participant` so that SIGINT/SIGTERM/SIGHUP or the process exiting
 * cancel its jobs. One set of process listeners serves every cluster.
 */
export function registerExitParticipant(participant: ExitParticipant): () => void {
  participants.add(participant);
  install();
  return () => {
    participants.delete(participant);
    if (participants.size === 0) uninstall();
  };
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const signal of signals) process.off(signal, onSignal);
  process.off('exit', onExit);
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  const closing = [...participants].map((participant) => participant.close());
  await Promise.allSettled(closing);
  uninstall();
  // Our listener replaced Node's default action; restore it unless the program has its own handler.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function onExit(): void {
  for (const participant of participants) {
    try {
      participant.cancelSynchronously();
    } catch {
      // The process is exiting: there is nobody left to report to.
    }
  }
}
