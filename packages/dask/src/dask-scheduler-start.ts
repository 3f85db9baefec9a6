import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AdoptedSchedulerProcess, isDaskScheduler } from './dask-adopted-process.js';
import { DaskError } from './dask-errors.js';
import { DaskHttpApi } from './dask-http-api.js';
import { warnOnce } from './dask-notices.js';
import type { ResolvedDaskOptions } from './dask-options.js';
import { daskPrefix } from './dask-package.js';
import { newPrivateDirectoryPath, preparePrivateDirectory } from './dask-private-directory.js';
import { defaultPythonCandidates, findDaskPython } from './dask-python.js';
import type { DaskRecordSettings } from './dask-record-settings.js';
import { daskSchedulerArgs, daskSchedulerEnvironment, defaultDashboardAddress, httpBaseUrl, portOf, schedulerInterface, withPort } from './dask-scheduler-args.js';
import { type DaskSchedulerHandle, DaskSchedulerProcess } from './dask-scheduler-process.js';
import { type DaskTlsFiles, type DaskTlsMaterial, createDaskTlsMaterial, writeDaskTls } from './dask-tls.js';

/** What a scheduler keeps from construction on, and hands to its successor through the journal. */
export interface DaskSchedulerState {
  /** The private directory (0700). */
  directory: string;
  schedulerFile: string;
  httpToken: string;
  /** Made at the first start, then reused by every restart. */
  tls: DaskTlsMaterial | undefined;
  /** The scheduler a previous owner ran, from its journal record. */
  previous: { address: string; process: NonNullable<DaskRecordSettings['process']> } | undefined;
}

/**
 * The state of a new scheduler — an unguessable private directory under
 * `sharedTemporaryDirectory` (made at start), its scheduler file, a fresh HTTP token — or
 * of a restored one, as its record says.
 */
export function schedulerState(options: ResolvedDaskOptions, restored?: { address: string; settings: DaskRecordSettings }): DaskSchedulerState {
  const directory = restored?.settings.directory ?? newPrivateDirectoryPath(resolve(options.sharedTemporaryDirectory));
  const previous = restored?.settings.process;
  return {
    directory,
    schedulerFile: restored?.settings.schedulerFile ?? resolve(options.schedulerFile ?? join(directory, 'scheduler.json')),
    httpToken: restored?.settings.httpToken ?? randomBytes(24).toString('base64url'),
    tls: restored?.settings.tls,
    previous: previous && restored ? { address: restored.address, process: previous } : undefined,
  };
}

/** A scheduler that listens and answers its HTTP API. */
export interface DaskRunning {
  python: { python: string; version: string };
  handle: DaskSchedulerHandle;
  /** Dask's scheduler id. */
  id: string;
  address: string;
  httpUrl: string;
  api: DaskHttpApi;
  tls: DaskTlsFiles | undefined;
  /** True when a dead owner's scheduler was taken over instead of starting one. */
  adopted: boolean;
}

/**
 * Brings the scheduler up: takes over the previous owner's scheduler when it still runs
 * and answers as itself, else starts `dask scheduler` — on the previous port and HTTP
 * port when there was one, with the same TLS material, so workers and clients that know
 * the old address and certificate connect to it as before.
 */
export async function bringUpScheduler(options: ResolvedDaskOptions, state: DaskSchedulerState): Promise<DaskRunning> {
  await preparePrivateDirectory(state.directory);
  const tls = options.security ? await writeDaskTls(state.directory, (state.tls ??= createDaskTlsMaterial())) : undefined;
  const previous = state.previous?.address ? state.previous : undefined;
  return (previous && (await adopt(options, state, previous, tls))) ?? (await launch(options, state, tls));
}

/** The log of the scheduler in `directory`: a file, so it outlives the process that started it. */
function logFileOf(state: DaskSchedulerState): string {
  return join(state.directory, 'scheduler.log');
}

async function adopt(
  options: ResolvedDaskOptions,
  state: DaskSchedulerState,
  previous: NonNullable<DaskSchedulerState['previous']>,
  tls: DaskTlsFiles | undefined,
): Promise<DaskRunning | undefined> {
  const { process } = previous;
  const adopted = { pid: process.pid, schedulerFile: state.schedulerFile, logFile: logFileOf(state) };
  if (!isDaskScheduler(adopted)) return undefined;
  const api = new DaskHttpApi(process.httpUrl, state.httpToken, options.requestTimeout);
  const identity = await api.identity().catch(() => undefined);
  if (identity === undefined) {
    // Our scheduler, hung: stop it, so that its successor can take the port.
    await new AdoptedSchedulerProcess(adopted).stop();
    return undefined;
  }
  if (identity.id !== process.id || identity.address !== previous.address) return undefined;
  const handle = new AdoptedSchedulerProcess(adopted);
  const python = { python: process.python, version: process.version };
  return { python, handle, id: identity.id, address: identity.address, httpUrl: process.httpUrl, api, tls, adopted: true };
}

async function launch(options: ResolvedDaskOptions, state: DaskSchedulerState, tls: DaskTlsFiles | undefined): Promise<DaskRunning> {
  const python = await findDaskPython(options.python === undefined ? defaultPythonCandidates : [options.python]);
  const listenOn = schedulerInterface(options);
  if (listenOn.note) warnOnce('JQ_DASK_INTERFACE', `${daskPrefix} ${listenOn.note}`);
  const previous = state.previous?.address ? state.previous : undefined;
  const dashboard = defaultDashboardAddress(options);
  const previousHttpPort = previous ? portOf(previous.process.httpUrl) : undefined;
  const listen = {
    port: (previous && portOf(previous.address)) ?? options.port ?? 0,
    interfaceHost: listenOn.host,
    dashboardAddress: previousHttpPort !== undefined && portOf(dashboard) === 0 ? withPort(dashboard, previousHttpPort) : dashboard,
  };
  const { process, identity } = await DaskSchedulerProcess.start({
    python: python.python,
    args: daskSchedulerArgs(options, listen, state.schedulerFile, tls),
    schedulerFile: state.schedulerFile,
    logFile: logFileOf(state),
    environment: daskSchedulerEnvironment(options, python.routes, state.httpToken),
    startTimeout: options.startTimeout,
  });
  try {
    const httpUrl = httpBaseUrl(identity, options);
    const api = new DaskHttpApi(httpUrl, state.httpToken, options.requestTimeout);
    await verifyApi(api, process);
    if (previous && identity.address !== previous.address) {
      warnOnce('JQ_DASK_ADDRESS', `${daskPrefix} the restarted Dask scheduler listens on ${identity.address}, not ${previous.address} as before: workers started for the old address cannot reach it`);
    }
    return { python, handle: process, id: identity.id, address: identity.address, httpUrl, api, tls, adopted: false };
  } catch (error) {
    await process.stop();
    throw error;
  }
}

/** Fails clearly when the API routes did not load (e.g. a site config overrode them). */
async function verifyApi(api: DaskHttpApi, process: DaskSchedulerHandle): Promise<void> {
  try {
    await api.adaptiveTarget();
    await api.adaptiveTarget(5);
  } catch (error) {
    throw new DaskError('api-failed', `the scheduler's HTTP API does not answer: ${(error as Error).message}; scheduler log:`, { stderr: process.log(), cause: error });
  }
}
