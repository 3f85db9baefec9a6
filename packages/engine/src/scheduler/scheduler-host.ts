import { networkInterfaces } from 'node:os';
import { ConfigError } from '@jq/core';
import type { EngineSchedulerOptions } from './scheduler-options.js';

/** The address to listen on: the named interface's IPv4 address, else `host`, else loopback. */
export function listenHost(options: EngineSchedulerOptions): string {
  if (options.interface === undefined) return options.host ?? '127.0.0.1';
  const addresses = networkInterfaces()[options.interface] ?? [];
  const ipv4 = addresses.find((address) => address.family === 'IPv4');
  if (ipv4 === undefined) {
    const known = Object.keys(networkInterfaces()).join(', ');
    throw new ConfigError('jq/engine', [{ path: 'interface', value: options.interface, message: `a network interface with an IPv4 address (have: ${known})` }]);
  }
  return ipv4.address;
}

/** The host workers should dial: a wildcard listen address is replaced by this node's first external IPv4. */
export function advertisedHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  for (const addresses of Object.values(networkInterfaces())) {
    const external = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (external !== undefined) return external.address;
  }
  return '127.0.0.1';
}
