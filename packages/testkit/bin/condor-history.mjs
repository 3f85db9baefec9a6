#!/usr/bin/env node
// Emulated condor_history: jobs that left the queue (completed or removed), newest
// first, selected by id or by the `stringListMember(strcat(ClusterId, ".", ProcId), …)`
// constraint, printed with `-af[:jr]` or `-l`. Jobs a server lost (`vanish`) are not in it.
import { stateDirectory, readState } from './lib/emulator-state.mjs';
import { autoformatLine, inQueue, longAd } from './lib/condor-format.mjs';
import { parseQuery, selects } from './lib/condor-query.mjs';

const query = parseQuery(process.argv.slice(2), 'condor_history');
if (query.usage) fail(query.usage);
if (!query.attributes && !query.long) fail('condor_history: [jq/testkit] only -af and -l output are emulated');

const state = readState(stateDirectory());
const jobs = Object.values(state.jobs)
  .filter((job) => !inQueue(job) && selects(query, job))
  .sort((left, right) => (right.endedAt ?? 0) - (left.endedAt ?? 0) || right.order - left.order)
  .slice(0, query.limit ?? Number.POSITIVE_INFINITY);
process.stdout.write(jobs.map((job) => (query.attributes ? `${autoformatLine(job, query.attributes, query.modifiers)}\n` : longAd(job))).join(''));

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
