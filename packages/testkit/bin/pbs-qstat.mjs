#!/usr/bin/env node
// Emulated qstat: PBS Pro `qstat -x -f -F json [ids]` and Torque `qstat -f [ids]`, with the
// real exit codes for unknown and finished ids, and the injected faults (fail, hang, garbage).
import { stateDirectory, statusOutcome } from './lib/emulator-state.mjs';
import { proJsonRecord, torqueTextRecord } from './lib/pbs-format.mjs';

const directory = stateDirectory();
const { flags, ids, usage } = parseArguments(process.argv.slice(2));

const outcome = statusOutcome(directory);
const { state } = outcome;
const { flavor, server } = state.config;

if (outcome.fault === 'fail') fail(`Connection refused\nqstat: cannot connect to server ${server} (errno=15010)`, 1);
if (outcome.fault === 'hang') {
  // Only core's command timeout ends this; the cap keeps a forgotten emulator from lingering.
  setTimeout(() => process.exit(1), 300_000);
} else if (outcome.fault === 'garbage') {
  process.stdout.write('qstat: \u0000\u0001 <<<garbled reply from server>>> {"Jobs": [\n');
} else {
  if (usage) fail(usage, 2);
  if (flavor === 'pbspro' && flags.has('-F') && !flags.has('-f')) fail('qstat: -F requires -f', 2);
  if (flavor === 'torque' && (flags.has('-F') || flags.has('-x'))) {
    fail('[jq/testkit] Torque qstat: -x (XML) and -F are not emulated', 2);
  }
  report();
}

function report() {
  const all = Object.values(state.jobs);
  const childrenOf = (job) => all.filter((child) => child.parentId === job.id);
  const history = flavor === 'torque' || flags.has('-x');
  const shown = [];
  const errors = [];
  let exitCode = 0;
  for (const id of ids.length > 0 ? ids : all.filter((job) => !job.parentId).map((job) => job.id)) {
    const job = state.jobs[id] ?? state.jobs[qualify(id)];
    if (!job) {
      errors.push(flavor === 'torque' ? `qstat: Unknown Job Id Error ${id}` : `qstat: Unknown Job Id ${id}`);
      exitCode = 153;
    } else if (job.state === 'finished' && !history) {
      if (ids.length > 0) errors.push(`qstat: ${id} Job has finished, use -x or -H to obtain historical job information`);
      if (ids.length > 0) exitCode = 35;
    } else {
      shown.push(job);
    }
  }
  if (flavor === 'pbspro' && flags.has('-F')) {
    const jobs = Object.fromEntries(shown.map((job) => [job.id, proJsonRecord(job, state, childrenOf(job))]));
    const document = { timestamp: Math.floor(Date.now() / 1000), pbs_version: '19.0.0', pbs_server: server };
    process.stdout.write(`${JSON.stringify(shown.length > 0 ? { ...document, Jobs: jobs } : document, null, 4)}\n`);
  } else if (flags.has('-f')) {
    process.stdout.write(shown.map((job) => torqueTextRecord(job, state, childrenOf(job))).join('\n'));
  } else {
    fail('[jq/testkit] qstat without -f is not emulated', 2);
  }
  if (errors.length > 0) process.stderr.write(`${errors.join('\n')}\n`);
  process.exit(exitCode);
}

// PBS accepts a bare sequence number for a job of the default server.
function qualify(id) {
  return id.includes('.') ? id : `${id}.${server}`;
}

function parseArguments(argv) {
  const flags = new Set();
  const ids = [];
  for (let position = 0; position < argv.length; position += 1) {
    const word = argv[position];
    if (word === '-F') {
      flags.add('-F');
      if (argv[position + 1] !== 'json') return { flags, ids, usage: `qstat: -F ${argv[position + 1] ?? ''}: only json is emulated` };
      position += 1;
    } else if (['-x', '-f', '-1', '-t', '-w'].includes(word)) {
      flags.add(word);
    } else if (word.startsWith('-')) {
      return { flags, ids, usage: `qstat: invalid option -- '${word.slice(1)}'` };
    } else {
      ids.push(word);
    }
  }
  return { flags, ids };
}

function fail(message, code) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
