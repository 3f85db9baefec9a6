import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { JobQueueError, messagePrefix } from '@jq/core';
import { name as packageName } from '../package.json';
import type { AllocationRank } from './runner-ranks.js';

/** Where every rank finds the scheduler's secret when the ranks meet at a fixed port. */
export const runSecretVariable = 'JQ_RUN_SECRET';

type Environment = Readonly<Record<string, string | undefined>>;

const prefix = messagePrefix(packageName);
/** Shorter secrets are guessable; `openssl rand -hex 32` gives 64 characters. */
const minimumSecretLength = 32;

/**
 * The node rank 0 runs on, as the other ranks dial it: the allocation's first node, where
 * `srun`, `pbsdsh` and `blaunch` place task 0. Slurm names it first in SLURM_JOB_NODELIST
 * (a host list such as `node[01-04,07]`), PBS first in the PBS_NODEFILE, LSF first in
 * LSB_MCPU_HOSTS (`hostA 2 hostB 2`). Undefined where the launcher does not say (mpirun).
 */
export function allocationFirstHost(environment: Environment = process.env): string | undefined {
  const slurmList = environment.SLURM_JOB_NODELIST ?? environment.SLURM_NODELIST;
  if (slurmList) return firstOfHostList(slurmList);
  if (environment.PBS_NODEFILE) return readFirstWord(environment.PBS_NODEFILE);
  const lsfHosts = environment.LSB_MCPU_HOSTS ?? environment.LSB_HOSTS;
  if (lsfHosts) return lsfHosts.trim().split(/\s+/)[0] || undefined;
  return undefined;
}

/** The first host a Slurm host list expands to: each `[…]` range replaced by its first value, padding kept. */
export function firstOfHostList(list: string): string | undefined {
  const first = /^[^,[]*(?:\[[^\]]*\][^,[]*)*/.exec(list.trim())?.[0];
  if (!first) return undefined;
  return first.replace(/\[([^\]]*)\]/g, (_bracket, ranges: string) => ranges.split(/[,-]/)[0] ?? '');
}

/** Where the ranks meet at a fixed port. */
export interface FixedAddress {
  /** Rank 0's host, an IPv6 literal without brackets. */
  host: string;
  port: number;
  /** What the worker ranks dial: `tcp://host:port`, an IPv6 host in brackets. */
  address: string;
  /**
   * What rank 0 listens on: every IPv4 interface, or every interface (`::`, which also
   * takes IPv4 on Linux's dual stack) when the ranks meet at an IPv6 address.
   */
  listenHost: string;
}

/** `schedulerHost:port` for a fixed-port run, with every value checked. */
export function fixedAddress(port: number, schedulerHost: string | undefined, rank: AllocationRank, environment: Environment = process.env): FixedAddress {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${prefix} port: expected a whole number 1–65535 (got ${String(port)})`);
  }
  // `[::1]` is how an IPv6 host is written next to a port; the brackets are not part of it.
  const host = (schedulerHost ?? allocationFirstHost(environment))?.replace(/^\[(.*)\]$/, '$1');
  if (host === undefined || host === '') {
    throw new JobQueueError('JQ_CONFIG_INVALID', `${prefix} schedulerHost: ${rank.launcher} does not say which node rank 0 runs on; give rank 0's host name with the port`);
  }
  const ipv6 = isIPv6(host);
  return { host, port, address: `tcp://${ipv6 ? `[${host}]` : host}:${port}`, listenHost: ipv6 ? '::' : '0.0.0.0' };
}

/** The secret every rank shares at a fixed port: from the environment, never the command line. */
export function fixedAddressSecret(environment: Environment = process.env): string {
  const secret = environment[runSecretVariable];
  if (secret === undefined || secret.length < minimumSecretLength) {
    const got = secret === undefined ? 'it is not set' : `it has ${secret.length} characters`;
    throw new JobQueueError(
      'JQ_CONFIG_INVALID',
      `${prefix} ${runSecretVariable}: a run at a fixed port needs a secret of at least ${minimumSecretLength} characters in every rank's environment (${got}); export ${runSecretVariable}=$(openssl rand -hex 32) before srun, mpirun, pbsdsh or blaunch`,
    );
  }
  return secret;
}

function readFirstWord(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim().split(/\s+/)[0] || undefined;
  } catch {
    return undefined;
  }
}
