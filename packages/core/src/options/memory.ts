/**
 * Byte sizes the way dask users write them: `"108GB"` (decimal), `"4GiB"` (binary),
 * `"512 MB"`, `"2g"`, or a plain number of bytes.
 */
const unitFactors: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  ki: 2 ** 10,
  kib: 2 ** 10,
  mi: 2 ** 20,
  mib: 2 ** 20,
  gi: 2 ** 30,
  gib: 2 ** 30,
  ti: 2 ** 40,
  tib: 2 ** 40,
  pi: 2 ** 50,
  pib: 2 ** 50,
};

const memoryPattern = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i;

/** Bytes for `value`, or `undefined` when it is not a size. */
export function parseMemory(value: string | number): number | undefined {
  if (typeof value === 'number') return wholeBytes(value);
  const match = memoryPattern.exec(value);
  if (!match) return undefined;
  const factor = unitFactors[(match[2] ?? '').toLowerCase()];
  if (factor === undefined) return undefined;
  return wholeBytes(Number(match[1]) * factor);
}

/** A positive whole number of bytes that arithmetic keeps exact, else undefined. */
function wholeBytes(value: number): number | undefined {
  const bytes = Math.floor(value);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Human binary size like dask's `format_bytes` without the space: `6.52GiB`, `512B`. */
export function formatBytes(bytes: number): string {
  for (let power = binaryUnits.length - 1; power > 0; power -= 1) {
    const unit = 2 ** (10 * power);
    if (bytes >= 0.9 * unit) return `${(bytes / unit).toFixed(2)}${binaryUnits[power]}`;
  }
  return `${bytes}B`;
}

/**
 * Rounds `bytes` up into the largest binary unit it fills at least `minimumInUnit`
 * times, for batch systems whose memory requests take K/M/G suffixes.
 */
export function formatBytesCeil(bytes: number, units: { suffixes: [string, string, string]; minimumInUnit?: number }): string {
  const minimum = units.minimumInUnit ?? 1;
  const [kilo, mega, giga] = units.suffixes;
  if (bytes >= minimum * 2 ** 30) return `${Math.ceil(bytes / 2 ** 30)}${giga}`;
  if (bytes >= minimum * 2 ** 20) return `${Math.ceil(bytes / 2 ** 20)}${mega}`;
  return `${Math.max(1, Math.ceil(bytes / 2 ** 10))}${kilo}`;
}
