#!/usr/bin/env node
// Emulated bjobs: `bjobs [-a] [-w] [-noheader] [-o "fields"] [-json] [ids]`. Ids given
// explicitly are shown in any state; without ids only unfinished jobs (all with -a).
// Unknown ids: "Job <id> is not found" (an ERROR record with -json), exit 255 when
// nothing was found. Injected faults: fail, hang, garbage.
import { stateDirectory, statusOutcome } from './lib/emulator-state.mjs';
import { jsonRecord, tableHeader, tableRow } from './lib/lsf-format.mjs';
import { splitWords } from './lib/lsf-submit.mjs';

const directory = stateDirectory();
const request = parseArguments(process.argv.slice(2));

const outcome = statusOutcome(directory);
const { state } = outcome;

if (outcome.fault === 'fail') fail('LSF is down. Please wait ...\nFailed in an LSF library call: LIM is down; try later', 255);
if (outcome.fault === 'hang') {
  // Only core's command timeout ends this; the cap keeps a forgotten emulator from lingering.
  setTimeout(() => process.exit(1), 300_000);
} else if (outcome.fault === 'garbage') {
  process.stdout.write('bjobs: \u0000\u0001 <<<garbled reply from mbatchd>>> {"RECORDS": [\n');
} else {
  if (request.usage) fail(request.usage, 255);
  report();
}

function report() {
  const all = Object.values(state.jobs).filter((job) => !job.isArrayParent);
  const shown = [];
  const missing = [];
  if (request.ids.length === 0) {
    shown.push(...all.filter((job) => request.flags.has('-a') || job.state !== 'finished'));
  } else {
    for (const id of request.ids) {
      const matches = all.filter((job) => job.id === id || job.parentId === id);
      if (matches.length === 0) missing.push(id);
      shown.push(...matches);
    }
  }
  shown.sort((left, right) => left.order - right.order);
  const errors = missing.map((id) => `Job <${id}> is not found`);
  if (request.json) {
    const records = [...shown.map((job) => jsonRecord(job, state, request.fields)), ...missing.map((id) => ({ JOBID: id, ERROR: `Job <${id}> is not found` }))];
    process.stdout.write(`${JSON.stringify({ COMMAND: 'bjobs', JOBS: records.length, RECORDS: records }, null, 2).replaceAll('/', '\\/')}\n`);
  } else if (request.fields) {
    const rows = shown.map((job) => request.fields.map((field) => jsonRecord(job, state, [field])[field] || '-').join(' '));
    process.stdout.write([...(request.flags.has('-noheader') ? [] : [request.fields.join(' ')]), ...rows].map((line) => `${line}\n`).join(''));
    if (errors.length > 0) process.stderr.write(`${errors.join('\n')}\n`);
  } else {
    if (shown.length > 0) process.stdout.write([...(request.flags.has('-noheader') ? [] : [tableHeader]), ...shown.map((job) => tableRow(job, state))].map((line) => `${line}\n`).join(''));
    if (errors.length > 0) process.stderr.write(`${errors.join('\n')}\n`);
    if (shown.length === 0 && request.ids.length === 0) process.stderr.write(request.flags.has('-a') ? 'No job found\n' : 'No unfinished job found\n');
  }
  process.exit(shown.length === 0 && missing.length > 0 ? 255 : 0);
}

function parseArguments(argv) {
  const flags = new Set();
  const ids = [];
  let fields;
  let json = false;
  for (let position = 0; position < argv.length; position += 1) {
    const word = argv[position];
    if (word === '-o') {
      const value = argv[position + 1] ?? '';
      position += 1;
      fields = splitWords(value).map((field) => field.toUpperCase());
      const known = ['JOBID', 'JOBINDEX', 'JOB_NAME', 'STAT', 'USER', 'QUEUE', 'PROJ_NAME', 'FROM_HOST', 'EXEC_HOST', 'SUBMIT_TIME', 'START_TIME', 'FINISH_TIME', 'EXIT_CODE', 'EXIT_REASON', 'SLOTS', 'RUNTIMELIMIT', 'OUTPUT_FILE', 'ERROR_FILE', 'PIDS'];
      const unknown = fields.find((field) => !known.includes(field));
      if (unknown) return { flags, ids, usage: `${unknown.toLowerCase()}: Illegal field.` };
    } else if (word === '-json') {
      json = true;
    } else if (['-a', '-w', '-noheader', '-W', '-d', '-r', '-p', '-l'].includes(word)) {
      flags.add(word);
    } else if (word.startsWith('-')) {
      return { flags, ids, usage: `bjobs: illegal option -- ${word.slice(1)}` };
    } else {
      ids.push(word);
    }
  }
  if (json && !fields) return { flags, ids, usage: 'bjobs: -json must be used with -o' };
  return { flags, ids, fields, json };
}

function fail(message, code) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
