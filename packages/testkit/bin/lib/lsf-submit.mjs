// What bsub understands: options from argv and from `#BSUB` lines (argv wins), checked
// the way the real command refuses them, so a wrongly rendered script fails here.
import { readFileSync } from 'node:fs';
import { directiveLines } from './directives.mjs';

const valueOptions = new Set(['-J', '-q', '-P', '-n', '-R', '-M', '-W', '-e', '-o', '-eo', '-oo', '-cwd', '-G', '-m', '-u', '-env', '-gpu', '-app', '-w', '-i', '-L', '-g', '-c', '-v', '-S', '-sp']);
const flagOptions = new Set(['-x', '-B', '-N', '-H', '-r', '-rn', '-Zs']);

/** A refused submission: message for stderr and exit code (bsub exits 255 on any refusal). */
export class BsubRefusal extends Error {
  constructor(message, exitCode = 255) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * One submission from bsub's argv and the job script: the file named last on the
 * command line (LSB_BSUB_PARSE_SCRIPT=Y behaviour) or, without one, standard input.
 */
export function parseBsub(argv, readStdin) {
  const fromArgv = parseOptions(argv, true);
  let text;
  if (fromArgv.script === undefined) {
    text = readStdin();
    if (text.trim() === '') throw new BsubRefusal('bsub: no job script on standard input. Job not submitted.');
  } else {
    try {
      text = readFileSync(fromArgv.script, 'utf8');
    } catch {
      throw new BsubRefusal(`${fromArgv.script}: No such file or directory. Job not submitted.`);
    }
  }
  const fromScript = parseOptions(directiveLines(text, '#BSUB').flatMap(splitWords), false);
  const options = { ...fromScript.options, ...fromArgv.options };
  validate(options);
  return { text, script: fromArgv.script, options };
}

/**
 * Seconds of an LSF run limit `[hours:]minutes`. LSF's smallest limit is a minute, so
 * tests may shorten the emulated minute with JQ_TESTKIT_LSF_MINUTE_SECONDS.
 */
export function runLimitSeconds(value) {
  const match = /^(?:(\d+):)?(\d+)$/.exec(value);
  if (!match) throw new BsubRefusal(`${value}: Bad RUNLIMIT specification. Job not submitted.`);
  const minute = Number(process.env.JQ_TESTKIT_LSF_MINUTE_SECONDS || 60);
  return (Number(match[1] ?? 0) * 60 + Number(match[2])) * minute;
}

/** `name[1-4]`, `name[1,3,5-9:2]%2` → the name and its indices; a plain name has none. */
export function jobArray(value) {
  const match = /^([^[\]]*)\[([^\]]+)\](?:%(\d+))?$/.exec(value);
  if (!match) {
    if (/[[\]]/.test(value)) throw new BsubRefusal(`${value}: Bad job name. Job not submitted.`);
    return { name: value };
  }
  const indices = [];
  for (const item of match[2].split(',')) {
    const range = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(item);
    if (!range || Number(range[1]) < 1) throw new BsubRefusal(`${value}: Bad job array index list. Job not submitted.`);
    const [first, last, step] = [Number(range[1]), Number(range[2] ?? range[1]), Number(range[3] ?? 1)];
    for (let index = first; index <= last; index += step) indices.push(index);
  }
  return { name: match[1], indices };
}

/**
 * GPUs of `-gpu "num=N[:mode=…]"` (`-gpu -` takes the site's default requirement, which
 * the emulator does not know: no count). `num` must be a whole number ≥ 1.
 */
export function requestedGpus(options) {
  const requirement = options['-gpu'];
  if (requirement === undefined || requirement === '-') return undefined;
  const fields = Object.fromEntries(requirement.split(':').map((field) => field.split('=')));
  if (!/^[1-9]\d*$/.test(fields.num ?? '')) throw new BsubRefusal(`${requirement}: Bad GPU requirement: num must be a positive integer. Job not submitted.`);
  return Number(fields.num);
}

function validate(options) {
  requestedGpus(options);
  if (options['-n'] !== undefined && !/^[1-9]\d*(,[1-9]\d*)?$/.test(options['-n'])) throw new BsubRefusal(`Bad argument for option -n. Job not submitted.`);
  if (options['-M'] !== undefined && !/^\d+(\.\d+)?([KMGTPE]B?)?$/i.test(options['-M'])) throw new BsubRefusal(`${options['-M']}: MEMLIMIT value should be a positive integer. Job not submitted.`);
  if (options['-W'] !== undefined) runLimitSeconds(options['-W']);
  if (options['-J'] !== undefined) jobArray(options['-J']);
}

function parseOptions(words, allowScript) {
  const options = {};
  let script;
  for (let position = 0; position < words.length; position += 1) {
    const word = words[position];
    if (flagOptions.has(word)) {
      options[word] = true;
    } else if (valueOptions.has(word)) {
      const value = words[position + 1];
      if (value === undefined) throw new BsubRefusal(`bsub: option requires an argument -- ${word.slice(1)}`);
      position += 1;
      options[word] = value;
    } else if (word.startsWith('-')) {
      throw new BsubRefusal(`bsub: illegal option -- ${word.slice(1)}`);
    } else if (allowScript && position === words.length - 1) {
      script = word;
    } else {
      throw new BsubRefusal(`bsub: unexpected argument ${word}. Job not submitted.`);
    }
  }
  return { options, script };
}

/** Shell-like words: whitespace separates, single and double quotes group. */
export function splitWords(text) {
  const words = [];
  let current;
  let quote;
  for (const character of text) {
    if (quote) {
      if (character === quote) quote = undefined;
      else current += character;
    } else if (character === '"' || character === "'") {
      quote = character;
      current ??= '';
    } else if (/\s/.test(character)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else {
      current = (current ?? '') + character;
    }
  }
  if (quote) throw new BsubRefusal(`bsub: unmatched ${quote} in #BSUB line: ${text}`);
  if (current !== undefined) words.push(current);
  return words;
}
