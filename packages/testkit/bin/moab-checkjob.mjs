#!/usr/bin/env node
// Emulated `checkjob --xml id…`: one `<Data>` with a `<job …/>` per known id (finished jobs
// included, as Moab keeps completed jobs for a while). Unknown ids are reported on stderr
// and make the exit code 1, while the known ones are still printed.
import { stateDirectory } from './lib/emulator-state.mjs';
import { jobElement } from './lib/moab-format.mjs';
import { hang, statusSnapshot } from './lib/moab-status.mjs';

const directory = stateDirectory();
const argv = process.argv.slice(2);
const unsupported = argv.find((word) => word.startsWith('-') && word !== '--xml');
const ids = argv.filter((word) => !word.startsWith('-'));

const { state, hang: hanging } = statusSnapshot(directory, 'checkjob');
if (hanging) {
  hang();
} else {
  if (unsupported) fail(`[jq/testkit] checkjob: option ${unsupported} is not emulated`);
  if (!argv.includes('--xml')) fail('[jq/testkit] checkjob without --xml is not emulated');
  if (ids.length === 0) fail('usage: checkjob [--xml] JOBID...');
  const known = ids.map((id) => state.jobs[id]).filter((job) => job !== undefined);
  const unknown = ids.filter((id) => state.jobs[id] === undefined);
  process.stdout.write(`<Data>${known.map((job) => jobElement(job, state)).join('')}</Data>\n`);
  if (unknown.length > 0) {
    process.stderr.write(unknown.map((id) => `ERROR:  invalid job specified: ${id}\n`).join(''));
    process.exit(1);
  }
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
