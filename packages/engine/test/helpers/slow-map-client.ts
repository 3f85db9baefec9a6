// A client in a process of its own that knows only the cluster's name: connects (there may
// be no worker yet), maps `count` tasks that each take `milliseconds`, prints `{ sum }` once
// all are done, and leaves. Load for adapt to follow.
// usage: slow-map-client.ts <name> <count> <milliseconds>
import { Client } from '../../src/index.js';

const [name = '', count = '8', milliseconds = '3000'] = process.argv.slice(2);
const client = await Client.connect({ cluster: name });
const slowDouble = async (value: number, wait: number): Promise<number> => {
  await new Promise((resolve) => setTimeout(resolve, wait));
  return value * 2;
};
const values = Array.from({ length: Number(count) }, (_, index) => index);
const doubled = await client.gather(values.map((value) => client.submit(slowDouble, value, Number(milliseconds))));
process.stdout.write(`${JSON.stringify({ sum: doubled.reduce((total, value) => total + value, 0) })}\n`);
await client.close();
process.exit(0);
