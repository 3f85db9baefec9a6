import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One `<job_list>` entry of `qstat -xml`: the fields jobqueue reads, as printed. */
export interface SgeJobEntry {
  /** `JB_job_number`. */
  jobNumber: string;
  /** `state`: the letters (`qw`, `r`, `Eqw`, …). */
  state: string;
  /** `JB_name`, the batch job name. */
  name?: string;
  /** `tasks`: an array task (`4`) or a pending task list (`7,8`, `9-12:1`). */
  tasks?: string;
}

// Values stay text (`tasks` like `7,8` is not a number), and job_list is always a list.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => name === 'job_list' });

/**
 * Every job entry of a `qstat -xml` document: running ones under `<queue_info>`,
 * pending ones under the inner `<job_info>`. `undefined` unless the text is one
 * well-formed `<job_info>` document: only a complete listing can say a job left.
 */
export function sgeJobEntries(text: string): SgeJobEntry[] | undefined {
  if (XMLValidator.validate(text) !== true) return undefined;
  const root = field(parsed(text), 'job_info');
  if (root === undefined) return undefined;
  const lists = [field(root, 'queue_info'), field(root, 'job_info')].flatMap((section) => listOf(field(section, 'job_list')));
  const entries: SgeJobEntry[] = [];
  for (const list of lists) {
    const [jobNumber, state, name, tasks] = ['JB_job_number', 'state', 'JB_name', 'tasks'].map((key) => textOf(field(list, key)));
    if (jobNumber === undefined || state === undefined) continue;
    entries.push({ jobNumber, state, ...(name === undefined ? {} : { name }), ...(tasks === undefined ? {} : { tasks }) });
  }
  return entries;
}

/** The document as objects; the parser refuses names like `__proto__` (prototype pollution): no document then. */
function parsed(text: string): unknown {
  try {
    return parser.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An own property of an object; anything else (text, lists, inherited keys) is no field. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
