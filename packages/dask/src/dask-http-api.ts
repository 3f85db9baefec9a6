import { DaskError } from './dask-errors.js';

/** One worker as the scheduler's `identity()` describes it (only the fields used). */
export interface DaskWorkerRecord {
  address: string;
  name: string;
  host: string | undefined;
  nthreads: number;
  memoryLimit: number;
  /** Dask's `Status` name: `running`, `paused`, `closing_gracefully`, … */
  status: string;
  /** Tasks executing, ready or held in memory, from the last heartbeat. */
  tasks: number;
}

/**
 * The scheduler's HTTP server. Our `jq_dask_http` routes (`/jq/v1/*`, loaded into the
 * scheduler, answering only with the cluster's token) give the adaptive target and
 * retirement; the worker list comes from `/json/identity.json`, a default Dask route of
 * the same server that carries names, threads, memory limit, status and task counts.
 */
export class DaskHttpApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly requestTimeout: number,
  ) {}

  /** The scheduler's own description: its id, address and workers. */
  async identity(): Promise<{ id: string; address: string }> {
    const identity = (await this.request('GET', '/json/identity.json')) as { id?: unknown; address?: unknown };
    if (typeof identity.id !== 'string' || typeof identity.address !== 'string') throw this.unexpected('/json/identity.json', identity);
    return { id: identity.id, address: identity.address };
  }

  /** Workers connected now. */
  async workers(): Promise<DaskWorkerRecord[]> {
    const identity = (await this.request('GET', '/json/identity.json')) as { workers?: unknown };
    if (typeof identity.workers !== 'object' || identity.workers === null) throw this.unexpected('/json/identity.json', identity);
    return Object.entries(identity.workers as Record<string, Record<string, unknown>>).map(([address, worker]) => toRecord(address, worker));
  }

  /** Dask's `Scheduler.adaptive_target()`: workers wanted for the current load, done within `targetDuration` seconds. */
  async adaptiveTarget(targetDuration?: number): Promise<number> {
    const path = targetDuration === undefined ? '/jq/v1/adaptive_target' : `/jq/v1/adaptive_target?target_duration=${targetDuration}`;
    const body = (await this.request('GET', path)) as { workers?: unknown };
    if (typeof body.workers !== 'number' || !Number.isFinite(body.workers)) throw this.unexpected(path, body);
    return body.workers;
  }

  /** Retires workers by address (drains their data to others); resolves with the addresses retired. */
  async retireWorkers(addresses: string[]): Promise<string[]> {
    const body = (await this.request('POST', '/jq/v1/retire_workers', { workers: addresses })) as { retired?: unknown };
    if (!Array.isArray(body.retired)) throw this.unexpected('/jq/v1/retire_workers', body);
    return body.retired.map(String);
  }

  // --- Internal helpers ---

  private async request(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<unknown> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        signal: AbortSignal.timeout(this.requestTimeout),
        headers: { authorization: `Bearer ${this.token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    } catch (error) {
      throw new DaskError('api-failed', `${method} ${url} failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) {
      const hint = response.status === 404 && path.startsWith('/jq/') ? " (is jq_dask_http in the scheduler's HTTP routes?)" : '';
      throw new DaskError('api-failed', `${method} ${url} answered HTTP ${response.status}${hint}: ${text.slice(0, 200)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new DaskError('api-failed', `${method} ${url} answered non-JSON: ${text.slice(0, 200)}`, { cause: error });
    }
  }

  private unexpected(path: string, body: unknown): DaskError {
    return new DaskError('api-failed', `unexpected answer from ${this.baseUrl}${path}: ${JSON.stringify(body).slice(0, 200)}`);
  }
}

const heldStates = ['executing', 'long-running', 'ready', 'constrained', 'memory'];

function toRecord(address: string, worker: Record<string, unknown>): DaskWorkerRecord {
  const metrics = (worker.metrics ?? {}) as { task_counts?: Record<string, unknown> };
  const counts = metrics.task_counts ?? {};
  const tasks = heldStates.reduce((sum, state) => sum + (typeof counts[state] === 'number' ? counts[state] : 0), 0);
  return {
    address,
    name: String(worker.name ?? address),
    host: typeof worker.host === 'string' ? worker.host : undefined,
    nthreads: typeof worker.nthreads === 'number' ? worker.nthreads : 0,
    memoryLimit: typeof worker.memory_limit === 'number' ? worker.memory_limit : 0,
    status: typeof worker.status === 'string' ? worker.status : 'running',
    tasks,
  };
}
