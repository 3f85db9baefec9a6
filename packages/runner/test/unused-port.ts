import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';

/** A TCP port nothing listens on right now, for a run that must name its port in advance. */
export async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}
