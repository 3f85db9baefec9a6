import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The most the page may weigh, gzipped, over every file it loads. */
export const pageWeightBudget = 200 * 1024;

/** One file of the built page and its gzipped size in bytes. */
export type PageFileWeight = { file: string; bytes: number; gzipped: number };

/** Every file of the built page with its size raw and gzipped (level 9, as a server would). */
export function measurePageWeight(directory: string): { files: PageFileWeight[]; gzipped: number } {
  const files = listFiles(directory)
    .filter((path) => !path.endsWith('.map'))
    .map((path) => {
      const content = readFileSync(path);
      return { file: relative(directory, path), bytes: content.length, gzipped: gzipSync(content, { level: 9 }).length };
    });
  return { files, gzipped: files.reduce((sum, file) => sum + file.gzipped, 0) };
}

/** The weight as lines for a build log. */
export function describePageWeight(weight: { files: PageFileWeight[]; gzipped: number }): string {
  const lines = weight.files.map((file) => `  ${file.file}: ${kilobytes(file.bytes)} raw, ${kilobytes(file.gzipped)} gzipped`);
  return [`dashboard page weight: ${kilobytes(weight.gzipped)} gzipped of a ${kilobytes(pageWeightBudget)} budget`, ...lines].join('\n');
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
