// What qsub understands: its options from argv and from `#PBS` lines, checked per
// dialect the way the real commands refuse them, so a wrongly rendered script fails here.
import { readFileSync } from 'node:fs';
import { directiveLines } from './directives.mjs';

const valueOptions = new Set(['-N', '-q', '-A', '-l', '-e', '-o', '-J', '-t', '-j', '-W', '-v', '-S', '-m', '-M', '-P', '-r']);
const flagOptions = new Set(['-h', '-V', '-z']);
const resourcesByFlavor = {
  pbspro: new Set(['select', 'ncpus', 'mem', 'vmem', 'walltime', 'place', 'ngpus', 'host']),
  torque: new Set(['nodes', 'ppn', 'mem', 'pmem', 'vmem', 'walltime', 'ncpus', 'procs', 'gpus']),
};
// Resources inside a chunk: PBS Pro `select=2:ncpus=4:ngpus=1+1:mem=2GB`, Torque `nodes=1:ppn=4:gpus=1`.
const chunkResourcesByFlavor = {
  pbspro: new Set(['ncpus', 'mem', 'vmem', 'ngpus', 'mpiprocs', 'ompthreads', 'host', 'vnode', 'arch']),
  torque: new Set(['ppn', 'gpus', 'mics']),
};

/** A refused submission: message for stderr and exit code. */
export class SubmitRefusal extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Parses qsub's argv and the script's directives into one request (argv wins). */
export function parseSubmission(argv, flavor) {
  const fromArgv = parseOptions(argv, flavor, true);
  if (!fromArgv.script) throw new SubmitRefusal('qsub: a script file is required (reading a script from stdin is not emulated)');
  let text;
  try {
    text = readFileSync(fromArgv.script, 'utf8');
  } catch {
    throw new SubmitRefusal(`qsub: script file:: No such file or directory ${fromArgv.script}`, 1);
  }
  const fromScript = parseOptions(directiveLines(text, '#PBS').flatMap((line) => line.split(/\s+/)), flavor, false);
  return {
    script: fromArgv.script,
    options: { ...fromScript.options, ...fromArgv.options },
    resources: { ...fromScript.resources, ...fromArgv.resources },
  };
}

/** Seconds of a PBS walltime (`HH:MM:SS`, `MM:SS` or seconds). */
export function walltimeSeconds(value) {
  const parts = value.split(':').map(Number);
  if (parts.some((part) => !Number.isFinite(part))) throw new SubmitRefusal(`qsub: Illegal attribute or resource value Resource_List.walltime=${value}`);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/**
 * GPUs a request asks for in all: PBS Pro's `ngpus` (chunk count × per chunk, or a job-wide
 * `-l ngpus=N`), Torque's `gpus` per node of `nodes=`. Counts must be whole numbers ≥ 1.
 */
export function requestedGpus(resources, flavor) {
  const chunks = flavor === 'pbspro' ? resources.select : resources.nodes;
  let total = resources[flavor === 'pbspro' ? 'ngpus' : 'gpus'] === undefined ? undefined : gpuCount(resources[flavor === 'pbspro' ? 'ngpus' : 'gpus']);
  for (const chunk of chunks?.split('+') ?? []) {
    const [count, ...parts] = chunk.split(':');
    for (const part of parts) {
      const [name, value] = part.split('=');
      if (value === undefined) continue;
      if (!chunkResourcesByFlavor[flavor].has(name)) throw new SubmitRefusal(`qsub: Unknown resource ${name} in ${chunk}`);
      if (name === (flavor === 'pbspro' ? 'ngpus' : 'gpus')) total = (total ?? 0) + gpuCount(value) * (/^\d+$/.test(count) ? Number(count) : 1);
    }
  }
  return total;
}

function gpuCount(value) {
  if (!/^[1-9]\d*$/.test(value)) throw new SubmitRefusal(`qsub: Illegal attribute or resource value for GPUs: ${value}`);
  return Number(value);
}

/** Indices of an array range `0-3` or `0-10:2`. */
export function arrayIndices(range) {
  const match = /^(\d+)-(\d+)(?::(\d+))?$/.exec(range);
  if (!match) throw new SubmitRefusal(`qsub: illegal -J value ${range}`);
  const [first, last, step] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)];
  const indices = [];
  for (let index = first; index <= last; index += step) indices.push(index);
  return indices;
}

function parseOptions(words, flavor, allowScript) {
  const options = {};
  const resources = {};
  let script;
  for (let position = 0; position < words.length; position += 1) {
    const word = words[position];
    if (flagOptions.has(word)) {
      options[word] = true;
    } else if (valueOptions.has(word)) {
      const value = words[position + 1];
      if (value === undefined) throw new SubmitRefusal(`qsub: option requires an argument -- '${word.slice(1)}'`);
      position += 1;
      if ((word === '-J' && flavor !== 'pbspro') || (word === '-t' && flavor !== 'torque')) {
        throw new SubmitRefusal(`qsub: invalid option -- '${word.slice(1)}'`);
      }
      if (word === '-l') Object.assign(resources, parseResources(value, flavor));
      else options[word] = value;
    } else if (word.startsWith('-')) {
      throw new SubmitRefusal(`qsub: invalid option -- '${word.slice(1)}'`);
    } else if (allowScript && position === words.length - 1) {
      script = word;
    } else {
      throw new SubmitRefusal(`qsub: unexpected argument ${word}`);
    }
  }
  return { options, resources, script };
}

function parseResources(value, flavor) {
  const resources = {};
  for (const item of value.split(',')) {
    const separator = item.indexOf('=');
    const name = separator === -1 ? item : item.slice(0, separator);
    if (!resourcesByFlavor[flavor].has(name)) throw new SubmitRefusal(`qsub: Unknown resource Resource_List.${name}`);
    resources[name] = separator === -1 ? '' : item.slice(separator + 1);
  }
  return resources;
}
