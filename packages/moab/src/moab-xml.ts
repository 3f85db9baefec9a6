import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One `<job …/>` element of Moab's XML: its attributes, decoded. */
export type MoabJobAttributes = Record<string, string>;

// Attributes as text under their own names; entities decoded, numeric ones included.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, htmlEntities: true });

/**
 * Every `<job>` element in Moab XML output (`checkjob --xml`, `showq --xml`, `msub --xml`),
 * in document order, wherever it is nested (showq puts them in `<queue>` sections).
 * Text that is not well-formed XML, or that the parser refuses (an attribute named
 * `__proto__`), has no job elements.
 */
export function moabJobElements(text: string): MoabJobAttributes[] {
  const trimmed = text.trim();
  if (trimmed === '' || XMLValidator.validate(trimmed) !== true) return [];
  const jobs: MoabJobAttributes[] = [];
  try {
    collectJobs(parser.parse(trimmed) as unknown, jobs);
  } catch {
    return []; // the parser refuses names like `__proto__` (prototype pollution)
  }
  return jobs;
}

function collectJobs(node: unknown, jobs: MoabJobAttributes[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectJobs(item, jobs);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [name, value] of Object.entries(node)) {
    if (name === 'job') for (const job of Array.isArray(value) ? value : [value]) jobs.push(attributesOf(job));
    else collectJobs(value, jobs);
  }
}

function attributesOf(job: unknown): MoabJobAttributes {
  const attributes: MoabJobAttributes = {};
  if (typeof job !== 'object' || job === null) return attributes;
  for (const [name, value] of Object.entries(job)) if (typeof value === 'string') attributes[name] = value;
  return attributes;
}
