#!/usr/bin/env node
// Emulated `showq --xml` (active, eligible and blocked sections) and `showq -c --xml`
// (the completed section), laid out like the recorded sample.
import { stateDirectory } from './lib/emulator-state.mjs';
import { jobElement } from './lib/moab-format.mjs';
import { hang, statusSnapshot } from './lib/moab-status.mjs';

const directory = stateDirectory();
const argv = process.argv.slice(2);
const unsupported = argv.find((word) => !['--xml', '-c'].includes(word));

const { state, hang: hanging } = statusSnapshot(directory, 'showq');
if (hanging) {
  hang();
} else {
  if (unsupported) fail(`[jq/testkit] showq: ${unsupported} is not emulated`);
  if (!argv.includes('--xml')) fail('[jq/testkit] showq without --xml is not emulated');
  const jobs = Object.values(state.jobs).sort((left, right) => left.order - right.order);
  const sections = argv.includes('-c')
    ? { completed: jobs.filter((job) => job.state === 'finished') }
    : {
        active: jobs.filter((job) => job.state === 'running' || job.state === 'exiting'),
        eligible: jobs.filter((job) => job.state === 'queued'),
        blocked: jobs.filter((job) => job.state === 'held'),
      };
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Data>', '   <Object>queue</Object>'];
  for (const [option, members] of Object.entries(sections)) {
    lines.push(`   <queue count="${members.length}" option="${option}">`);
    for (const job of members) lines.push(`      ${jobElement(job, state)}`);
    lines.push('   </queue>');
  }
  lines.push('</Data>');
  process.stdout.write(`${lines.join('\n')}\n`);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
