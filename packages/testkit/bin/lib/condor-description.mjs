// What condor_submit understands of a submit description: `key = value` commands
// (case-insensitive keys, `\` continuation, `#` comments), `$(macro)` and `$F[pnx](macro)`
// expansion with `$(DOLLAR)` for a literal `$`, and `queue [N]` statements.

import { SubmitDescriptionError } from './condor-arguments.mjs';

export { SubmitDescriptionError };

/**
 * The queue statements, each with the commands in force at it. `variables` (`key=value`
 * words of the command line) come before the file; `appended` (`-append`) commands
 * count as if they immediately preceded every queue statement; `queue` (`-queue N`) is the
 * queue statement of a description that has none.
 */
export function parseDescription(text, { variables = [], appended = [], queue: queueArgument } = {}) {
  const commands = new Map();
  const extra = new Map();
  for (const line of variables) setCommand(commands, line, 0);
  for (const line of appended) setCommand(extra, line, 0);
  const queues = [];
  for (const [number, raw] of joinContinuations(text.split('\n'))) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const queue = /^queue(?:\s+(\d+))?\s*$/i.exec(line);
    if (queue) queues.push({ count: Number(queue[1] ?? 1), commands: new Map([...commands, ...extra]) });
    else setCommand(commands, line, number);
  }
  if (queueArgument !== undefined) {
    if (queues.length > 0) throw new SubmitDescriptionError('ERROR: -queue argument conflicts with queue statement in submit file');
    if (!/^\d+$/.test(queueArgument)) throw new SubmitDescriptionError(`ERROR: -queue ${queueArgument}: only a job count is emulated`);
    queues.push({ count: Number(queueArgument), commands: new Map([...commands, ...extra]) });
  }
  if (queues.length === 0) throw new SubmitDescriptionError('ERROR: no queue statement in the submit description');
  return queues;
}

function setCommand(commands, line, number) {
  const command = /^([A-Za-z_+][A-Za-z0-9_.+]*)\s*=\s*(.*)$/.exec(line.trim());
  if (!command) throw new SubmitDescriptionError(`ERROR: on Line ${number} of submit file: \nERROR: Parse error in submit file: ${line.trim().slice(0, 80)}`);
  commands.set(command[1].toLowerCase(), { key: command[1], value: command[2].trim() });
}

/** Expands `$(name)`, `$F[pnx](name)` against the description and the job's ids (and `SUBMIT_FILE`). */
export function expand(value, commands, builtins, depth = 0) {
  if (depth > 20) throw new SubmitDescriptionError('ERROR: macro expansion is nested too deeply');
  return value.replace(/\$(F[A-Za-z]*)?\(([A-Za-z_][A-Za-z0-9_.]*)\)/g, (_match, modifier, name) => {
    const builtin = builtins[name.toLowerCase()];
    const raw = builtin ?? commands.get(name.toLowerCase())?.value ?? '';
    const expanded = builtin === undefined ? expand(raw, commands, builtins, depth + 1) : raw;
    return modifier ? fileNameParts(expanded, modifier.slice(1).toLowerCase()) : expanded;
  });
}

/**
 * condor_submit's `$F` filename function on a value, its quotes stripped: `p` the folder
 * with its trailing `/`, `n` the name without extension, `x` the extension with its dot,
 * no letter the whole value. Like the real one, `px` is the whole value, and `p` is
 * dropped beside `n` or `x` for a bare file name (expand_macro in config.cpp).
 */
function fileNameParts(value, letters) {
  const unknown = letters.replace(/[pnx]/g, '');
  if (unknown !== '') throw new SubmitDescriptionError(`ERROR: $F${letters}(…): only the p, n and x letters are emulated`);
  const path = value.replace(/^"|"$/g, '');
  const fileStart = path.lastIndexOf('/') + 1;
  const file = path.slice(fileStart);
  const dot = file.lastIndexOf('.');
  const name = dot > 0 ? file.slice(0, dot) : file;
  const wantsName = letters.includes('n');
  const wantsExtension = letters.includes('x');
  const wantsFolder = letters.includes('p') && !(fileStart === 0 && (wantsName || wantsExtension));
  if (!wantsFolder && !wantsName && !wantsExtension) return path;
  if (wantsFolder && wantsExtension) return path;
  return (wantsFolder ? path.slice(0, fileStart) : '') + (wantsName ? name : '') + (wantsExtension ? file.slice(name.length) : '');
}

function joinContinuations(lines) {
  const joined = [];
  let pending;
  lines.forEach((line, index) => {
    const text = pending === undefined ? line : `${pending[1]}${line}`;
    const start = pending?.[0] ?? index + 1;
    if (text.endsWith('\\')) pending = [start, text.slice(0, -1)];
    else {
      joined.push([start, text]);
      pending = undefined;
    }
  });
  if (pending) joined.push(pending);
  return joined;
}
