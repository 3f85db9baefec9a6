import { readFileSync, readdirSync } from 'node:fs';

/** A process, identified by pid and start time so a reused pid is not mistaken for it. */
export interface ProcessReference {
  pid: number;
  startTime: string;
  commandLine: string;
}

interface Entry extends ProcessReference {
  parent: number;
}

/** Processes whose command line contains one of `markers` or whose pid is in `pids`, with all their descendants. */
export function processTree(markers: string[], pids: number[] = []): ProcessReference[] {
  const table = readTable();
  const chosen = new Map<number, Entry>();
  for (const entry of table) {
    if (pids.includes(entry.pid) || markers.some((marker) => entry.commandLine.includes(marker))) chosen.set(entry.pid, entry);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of table) {
      if (!chosen.has(entry.pid) && chosen.has(entry.parent)) {
        chosen.set(entry.pid, entry);
        grew = true;
      }
    }
  }
  return [...chosen.values()].map(({ pid, startTime, commandLine }) => ({ pid, startTime, commandLine }));
}

/** Those of `processes` that still exist (zombies count as gone). */
export function stillRunning(processes: ProcessReference[]): ProcessReference[] {
  const now = new Map(readTable().map((entry) => [entry.pid, entry]));
  return processes.filter((process) => now.get(process.pid)?.startTime === process.startTime);
}

function readTable(): Entry[] {
  const entries: Entry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      entries.push({ pid: Number(name), parent: Number(fields[1]), startTime: fields[19] ?? '', commandLine });
    } catch {
      // The process ended while the table was read.
    }
  }
  return entries;
}
