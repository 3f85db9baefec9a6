import { readFileSync } from 'node:fs';

/** Job keys that started each task index, from the notes the tasks write (one `<index> <job key>` line each). */
export function startsByIndex(log: string): Map<number, string[]> {
  const starts = new Map<number, string[]>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const [index, jobKey] = line.split(' ');
    if (index === undefined || jobKey === undefined) continue;
    starts.set(Number(index), [...(starts.get(Number(index)) ?? []), jobKey]);
  }
  return starts;
}
