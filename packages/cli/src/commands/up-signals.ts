/** Resolves with the first of SIGINT (Ctrl-C), SIGTERM or SIGHUP this process receives. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const onSignal = (signal: NodeJS.Signals) => {
      for (const other of signals) process.off(other, onSignal);
      // A second Ctrl-C while closing is ignored here: the close cancels the jobs, it must finish.
      for (const other of signals) process.on(other, ignore);
      resolve(signal);
    };
    for (const signal of signals) process.on(signal, onSignal);
  });
}

function ignore(): void {
  process.stderr.write('closing: cancelling the jobs, wait…\n');
}
