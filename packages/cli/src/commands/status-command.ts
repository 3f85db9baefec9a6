import { setTimeout as sleep } from 'node:timers/promises';
import { openCluster } from '../cluster-access.js';
import { clusterView, renderClusterView } from '../cluster-view.js';

/** `jobqueue status <name> [--json] [--watch]`: the cluster's jobs and workers, from its journal. */
export async function statusCommand(name: string, options: { json?: boolean; watch?: boolean }): Promise<number> {
  const { journal, remote } = await openCluster(name);
  const show = async () => {
    const view = clusterView(journal, remote !== undefined && (await journal.ownedElsewhere()));
    if (options.json) return `${JSON.stringify(view, null, options.watch ? 0 : 2)}\n`;
    return `${renderClusterView(view)}\n`;
  };
  if (!options.watch) {
    process.stdout.write(await show());
    return 0;
  }
  const redraw = process.stdout.isTTY && !options.json;
  for (;;) {
    let text: string;
    try {
      text = await show();
    } catch {
      // The journal went away: the cluster was closed.
      process.stdout.write(`${name}: closed\n`);
      return 0;
    }
    process.stdout.write(redraw ? `\x1b[2J\x1b[H${text}` : text);
    await sleep(2000);
  }
}
