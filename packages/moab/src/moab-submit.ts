import type { Command, CommandResult, JobId } from '@jq/core';
import { moabError } from './moab-errors.js';
import { moabJobElements } from './moab-xml.js';

/** `msub <script>`: msub reads the script's `#PBS` lines (Moab on Torque). */
export function moabSubmitCommand(scriptPath: string): Command {
  return { argv: ['msub', scriptPath] };
}

const jobIdPattern = /^[A-Za-z0-9_.-]+$/;

/**
 * The job id msub printed. Plain msub prints the id after an empty line (`\n881218\n`,
 * or `Moab.12` on a Moab-native setup): the last non-empty line. `msub --xml` prints
 * `<Data><job JobID="881218"/></Data>`.
 */
export function parseMoabSubmit(result: CommandResult): JobId[] {
  const text = result.stdout;
  if (text.includes('<Data')) {
    const id = moabJobElements(text)[0]?.JobID;
    if (!id) throw parseError('msub --xml printed no JobID', text);
    return [id];
  }
  const last = text.split('\n').map((line) => line.trim()).filter(Boolean).at(-1);
  if (last === undefined || !jobIdPattern.test(last)) throw parseError('no Moab job id in msub output', text);
  return [last];
}

function parseError(what: string, text: string) {
  return moabError('JQ_PARSE_FAILED', `${what}: ${JSON.stringify(text.slice(0, 200))}`);
}
