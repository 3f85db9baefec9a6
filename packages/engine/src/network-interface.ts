import { networkInterfaces } from 'node:os';

/** This host's interfaces, as `os.networkInterfaces()` reports them. */
export type InterfaceTable = ReturnType<typeof networkInterfaces>;

/** The first IPv4 address of `name` on this host, if it has one. */
export function interfaceAddress(name: string, interfaces: InterfaceTable = networkInterfaces()): string | undefined {
  return (interfaces[name] ?? []).find((address) => address.family === 'IPv4')?.address;
}

/** The interfaces of this host that have an IPv4 address, for messages. */
export function interfacesPresent(interfaces: InterfaceTable = networkInterfaces()): string {
  const names = Object.entries(interfaces)
    .filter(([, addresses]) => (addresses ?? []).some((address) => address.family === 'IPv4'))
    .map(([name]) => name);
  return names.length === 0 ? 'no IPv4 interface' : names.join(', ');
}

/**
 * Where the scheduler listens for the cluster's `interface`: that interface's address
 * when this host has it (dask-jobqueue's behaviour), else every address with a note,
 * because the login node often lacks the compute nodes' network (`ib0`).
 */
export function schedulerListenFor(name: string, interfaces: InterfaceTable = networkInterfaces()): { host: string; note?: string } {
  const address = interfaceAddress(name, interfaces);
  if (address !== undefined) return { host: address };
  return {
    host: '0.0.0.0',
    note: `[jq/engine] interface ${name} is not on this host (it has ${interfacesPresent(interfaces)}): the scheduler listens on every address; set \`schedulerInterface\` to the interface compute nodes reach it on`,
  };
}
