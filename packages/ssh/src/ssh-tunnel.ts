import { createServer } from 'node:net';
import { sshError } from './ssh-errors.js';

/** A scheduler address split up: `tcp://10.0.0.5:8786` → protocol, host, port. */
export interface SchedulerEndpoint {
  /** `tcp`, `tls`, … as written. */
  protocol: string;
  /** Host without IPv6 brackets. */
  host: string;
  /** TCP port. */
  port: number;
}

/** Splits `<protocol>://<host>:<port>`; throws naming the address otherwise. */
export function parseSchedulerAddress(address: string): SchedulerEndpoint {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]+\]|[^:/[\]]+):(\d{1,5})\/?$/.exec(address);
  if (match === null) throw sshError('JQ_CONFIG_INVALID', `cannot tunnel the scheduler address ${JSON.stringify(address)}: expected <protocol>://<host>:<port>`);
  return { protocol: match[1]!, host: match[2]!.replace(/^\[|\]$/g, ''), port: Number(match[3]) };
}

/** True for addresses that only this machine can dial. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** `-R` specification: the login node listens on `bind:remotePort` (0: sshd picks) and forwards to `target` here. */
export function reverseSpecification(tunnelHost: string, remotePort: number, target: SchedulerEndpoint): string {
  const bind = isLoopback(tunnelHost) ? '127.0.0.1' : '0.0.0.0';
  return `${bind}:${remotePort}:${bracketed(target.host)}:${target.port}`;
}

/** `-L` specification: this machine listens on loopback `localPort` and forwards to `target` as the login node dials it. */
export function localSpecification(localPort: number, target: SchedulerEndpoint): string {
  return `127.0.0.1:${localPort}:${bracketed(target.host)}:${target.port}`;
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** A free TCP port on loopback here (ssh cannot pick one for `-L` itself). */
export async function freeLocalPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw sshError('JQ_CONNECTION_FAILED', 'could not find a free local port for the forward');
  return address.port;
}
