#!/usr/bin/env node
/**
 * `jq-run <file> [args…]`: see {@link runFile}; rank 0 prints the result as one JSON line.
 * `jq-run --dask <script.py> [args…]`: see {@link runDaskInAllocation}; every rank exits
 * with its status, rank 0 with the script's.
 */
import { detectRank } from './runner-ranks.js';
import { runDaskInAllocation } from './runner-dask.js';
import { runFile } from './run-file.js';

const usage = 'usage: jq-run <file> [args…]  |  jq-run --dask <script.py> [args…]   (on every rank: srun, mpirun, pbsdsh or blaunch)\n';
const argv = process.argv.slice(2);
const dask = argv[0] === '--dask';
const [file, ...args] = dask ? argv.slice(1) : argv;
if (file === undefined) {
  process.stderr.write(usage);
  process.exit(2);
}
const failed = (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};
if (dask) {
  runDaskInAllocation(file, args).then((status) => process.exit(status), failed);
} else {
  runFile(file, args).then((result) => {
    if (detectRank()?.rank === 0) process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
    process.exit(0);
  }, failed);
}
