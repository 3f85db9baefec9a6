/** One `<job …/>` element of Moab's XML: its attributes, decoded. */
export type MoabJobAttributes = Record<string, string>;

const jobElementPattern = /<job\s([^>]*?)\/?>/g;
const attributePattern = /([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"/g;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Every `<job>` element in Moab XML output (`checkjob --xml`, `showq --xml`, `msub --xml`),
 * in order. Moab writes flat, attribute-only job elements, so attributes are read with a
 * pattern rather than a full XML parser; anything that is not a job element is skipped.
 */
export function moabJobElements(text: string): MoabJobAttributes[] {
  const jobs: MoabJobAttributes[] = [];
  for (const element of text.matchAll(jobElementPattern)) {
    const attributes: MoabJobAttributes = {};
    for (const [, name = '', value = ''] of (element[1] ?? '').matchAll(attributePattern)) attributes[name] = decode(value);
    jobs.push(attributes);
  }
  return jobs;
}

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return entities[entity] ?? whole;
  });
}
