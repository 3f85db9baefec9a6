import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const tailBytes = 64 * 1024;

/** The last 64 KiB of the scheduler's log file ('' while there is none). */
export function logTail(path: string): string {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = fstatSync(descriptor);
    const length = Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}
