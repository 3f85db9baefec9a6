#!/usr/bin/env node
/** `jq-run <file> [args…]`: see {@link runFile}. Rank 0 prints the result as one JSON line. */
import { detectRank } from './runner-ranks.js';
import { runFile } from './run-file.js';

const [file, ...args] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: jq-run <file> [args…]   (on every rank: srun, mpirun, pbsdsh or blaunch)\n');
  process.exit(2);
}
runFile(file, args).then(
  (result) => {
    if (detectRank()?.rank === 0) process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
