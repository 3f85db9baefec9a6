#!/usr/bin/env node
// Emulated condor_q: jobs still in the queue (idle, running, held, being removed), as
// `-af` lines, `-l` ads or the `-nobatch` table; finished jobs have moved to the history.
// Ids no longer in the queue are simply not printed, exit 0, as the real condor_q does.
// Injected faults: fail, hang, garbage.
import { stateDirectory, statusOutcome } from './lib/emulator-state.mjs';
import { autoformatLine, inQueue, longAd, noBatchTable } from './lib/condor-format.mjs';
import { parseQuery, selects } from './lib/condor-query.mjs';

const directory = stateDirectory();
const query = parseQuery(process.argv.slice(2), 'condor_q');

const outcome = statusOutcome(directory);
const { state } = outcome;
const schedd = state.config.server;

if (outcome.fault === 'fail') {
  fail(`-- Failed to fetch ads from: <127.0.0.1:9618?addrs=127.0.0.1-9618> : ${schedd}\nSECMAN:2007:Failed to end classad message.`);
} else if (outcome.fault === 'hang') {
  // Only core's command timeout ends this; the cap keeps a forgotten emulator from lingering.
  setTimeout(() => process.exit(1), 300_000);
} else if (outcome.fault === 'garbage') {
  process.stdout.write('condor_q: \u0000\u0001 <<<garbled reply from schedd>>> 12.0 Z\n');
} else {
  if (query.usage) fail(query.usage);
  const jobs = Object.values(state.jobs).filter((job) => inQueue(job) && selects(query, job)).sort((left, right) => left.order - right.order);
  if (query.attributes) process.stdout.write(jobs.map((job) => `${autoformatLine(job, query.attributes, query.modifiers)}\n`).join(''));
  else if (query.long) process.stdout.write(jobs.map(longAd).join(''));
  else process.stdout.write(noBatchTable(jobs, schedd));
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
