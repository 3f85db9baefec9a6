// Command-line reading shared by condor_q and condor_history: job ids, `-af[:jr]`
// attributes, `-l`/`-long`, `-constraint`, `-limit`, `-nobatch`.
import { autoformatModifiers } from './condor-format.mjs';

/** The query a condor_q / condor_history command line asks for. */
export function parseQuery(argv, program) {
  const query = { ids: [], attributes: undefined, modifiers: '', long: false, constraint: undefined, limit: undefined };
  for (let position = 0; position < argv.length; position += 1) {
    const word = argv[position];
    const modifiers = autoformatModifiers(word);
    if (modifiers !== undefined) {
      query.modifiers = modifiers;
      query.attributes = [];
      while (position + 1 < argv.length && !argv[position + 1].startsWith('-')) query.attributes.push(argv[++position]);
      if (query.attributes.length === 0) return { usage: `${program}: -af requires at least one attribute` };
    } else if (word === '-l' || word === '-long') {
      query.long = true;
    } else if (word === '-constraint') {
      query.constraint = argv[++position];
    } else if (word === '-limit' || word === '-match') {
      query.limit = Number(argv[++position]);
    } else if (['-nobatch', '-allusers', '-wide'].includes(word)) {
      continue;
    } else if (word.startsWith('-')) {
      return { usage: `${program}: unknown or unemulated option ${word}` };
    } else if (/^\d+(\.\d+)?$/.test(word)) {
      query.ids.push(word);
    } else {
      return { usage: `${program}: ${word} is not a job id (owner restrictions are not emulated)` };
    }
  }
  if (query.constraint !== undefined) {
    const listed = constraintIds(query.constraint);
    if (!listed) return { usage: `${program}: [jq/testkit] only stringListMember(strcat(ClusterId, ".", ProcId), "<ids>") constraints are emulated, got ${query.constraint}` };
    query.ids.push(...listed);
  }
  return query;
}

/** Whether `job` is one the query names (`12` names the whole cluster); no ids means all. */
export function selects(query, job) {
  if (query.ids.length === 0 && query.constraint === undefined) return true;
  return query.ids.some((id) => id === job.id || (!id.includes('.') && job.id.startsWith(`${id}.`)));
}

function constraintIds(constraint) {
  const match = /^\s*stringListMember\(\s*strcat\(\s*ClusterId\s*,\s*"\."\s*,\s*ProcId\s*\)\s*,\s*"([\d., ]*)"\s*\)\s*$/i.exec(constraint);
  return match ? match[1].split(/[ ,]+/).filter(Boolean) : undefined;
}
