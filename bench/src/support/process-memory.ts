import { readdirSync, readFileSync } from 'node:fs';

/** One process of the process table. */
export interface ProcessEntry {
  pid: number;
  parent: number;
  command: string;
}

/** Every process readable in /proc now. */
export function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name in field 2 may contain spaces and parentheses: parse after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      entries.push({ pid: Number(name), parent, command });
    } catch {
      // The process ended while the table was read.
    }
  }
  return entries;
}

/** `root` and all its descendants, root first. */
export function processTree(root: ProcessEntry, table: ProcessEntry[]): ProcessEntry[] {
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) {
    const pid = tree[index]?.pid;
    tree.push(...table.filter((entry) => entry.parent === pid));
  }
  return tree;
}

/** Resident set size in MiB, from the `VmRSS` line of /proc/<pid>/status; 0 if it is gone. */
export function residentMegabytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('VmRSS:'));
    return line === undefined ? 0 : Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Proportional set size in MiB (`Pss` of /proc/<pid>/smaps_rollup): resident pages, each
 * shared page divided by the number of processes sharing it — what a process really adds
 * when many of the same kind run on one node. 0 if it is gone.
 */
export function proportionalMegabytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('Pss:'));
    return line === undefined ? 0 : Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return 0;
  }
}
