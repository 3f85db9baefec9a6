/** A readable table: column titles and rows of already formatted cells. */
export interface BenchTable {
  columns: string[];
  rows: string[][];
}

/** What every benchmark prints as its one JSON line. */
export interface BenchResult {
  benchmark: string;
  title: string;
  /** False when the benchmark failed or was cut off by its time bound. */
  ok: boolean;
  error?: string;
  seconds: number;
  table: BenchTable;
  /** Measured figures, machine-readable. */
  figures: Record<string, unknown>;
  notes: string[];
  /** The machine when the benchmark started (set by `pnpm bench`, not by a benchmark run alone). */
  machineAtStart?: MachineAtStart;
}

/** How busy the machine was when one benchmark started. */
export interface MachineAtStart {
  /** 1-minute load average. */
  loadAverage: number;
  /** Share of the cores' time spent idle in the second before the start, 0..1. */
  idleFraction: number;
  /** Seconds `pnpm bench` waited for the machine to settle before starting it. */
  waitedSeconds: number;
  /** False when that wait gave up at its bound. */
  settled: boolean;
}

/** Marks the JSON line among a benchmark's other output. */
export const resultPrefix = 'BENCH_RESULT ';

/** Aligned plain-text table for the terminal. */
export function formatTextTable(table: BenchTable): string {
  const widths = table.columns.map((column, index) => Math.max(column.length, ...table.rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
  return [line(table.columns), line(widths.map((width) => '-'.repeat(width))), ...table.rows.map(line)].join('\n');
}

/** GitHub-flavoured markdown table for the summary. */
export function formatMarkdownTable(table: BenchTable): string {
  const escape = (cell: string): string => cell.replaceAll('|', '\\|');
  const line = (cells: string[]): string => `| ${cells.map(escape).join(' | ')} |`;
  return [line(table.columns), line(table.columns.map(() => '---')), ...table.rows.map(line)].join('\n');
}

/** Prints the table, the notes and the result line (prefixed, so the runner can find it). */
export function emitResult(result: BenchResult): void {
  process.stdout.write(`\n${result.title}\n${formatTextTable(result.table)}\n`);
  for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
  process.stdout.write(`${resultPrefix}${JSON.stringify(result)}\n`);
}

/** `1234.5` → `1,235`; small values keep `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** How many times `ours` is better than `theirs` (higher is better when `higherIsBetter`). */
export function formatRatio(ours: number | undefined, theirs: number | undefined, higherIsBetter: boolean): string {
  if (ours === undefined || theirs === undefined || ours <= 0 || theirs <= 0) return 'n/a';
  const ratio = higherIsBetter ? ours / theirs : theirs / ours;
  return `${formatNumber(ratio, ratio < 10 ? 2 : 1)}×`;
}
