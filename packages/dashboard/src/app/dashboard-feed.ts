import { dashboardContractVersion, type DashboardSnapshot, type DashboardUpdate } from '../dashboard-contract.js';
import { applyDashboardUpdate } from '../dashboard-update.js';

/** Relative to the page at `<base>/dashboard/`, so a server behind a path prefix needs no setting. */
const snapshotPath = '../api/v1/dashboard';
const eventsPath = '../api/v1/dashboard/events';
const retryDelays = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/** Where the connection stands. */
export type DashboardFeedStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'failed';

/** What the page renders from. */
export type DashboardFeedState = {
  status: DashboardFeedStatus;
  /** The latest snapshot, kept while reconnecting so the page shows the last known state. */
  snapshot: DashboardSnapshot | undefined;
  /** `Date.now()` when the snapshot arrived: the page's clock runs on from `cluster.now` by this. */
  receivedAt: number;
  /** Why the page is not live, in words. */
  problem: string | undefined;
};

/** A message received and not yet on screen: when it arrived, for the page's timing marks. */
export type DashboardPendingMessage = { kind: 'snapshot' | 'update'; receivedAt: number };

/**
 * The live feed: the server-sent events stream, and on a failed stream the snapshot endpoint, to
 * tell a missing login (401) from a server that is down, and to show its state meanwhile.
 */
export class DashboardFeed {
  #state: DashboardFeedState = { status: 'connecting', snapshot: undefined, receivedAt: 0, problem: undefined };
  #source: EventSource | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #pending: DashboardPendingMessage | undefined;
  #stopped = false;

  constructor(private readonly onChange: (state: DashboardFeedState) => void) {}

  /** Opens the stream. */
  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  /** Closes the stream and cancels any retry. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#source?.close();
    this.#source = undefined;
  }

  /** The oldest message not yet rendered, once: the renderer measures from it. */
  takePending(): DashboardPendingMessage | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }

  #connect(): void {
    const source = new EventSource(eventsPath);
    this.#source = source;
    source.addEventListener('snapshot', (event) => this.#receive('snapshot', event.data));
    source.addEventListener('update', (event) => this.#receive('update', event.data));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        void this.#diagnose();
      } else {
        this.#set({ status: 'reconnecting', problem: 'The connection to the server was lost; reconnecting.' });
      }
    });
  }

  #receive(kind: 'snapshot' | 'update', data: string): void {
    // An update before any snapshot has nothing to apply to (a server sends the snapshot first).
    if (kind === 'update' && this.#state.snapshot === undefined) return;
    this.#pending ??= { kind, receivedAt: performance.now() };
    try {
      const message: unknown = JSON.parse(data);
      if (kind === 'snapshot') {
        this.#failures = 0;
        this.#acceptSnapshot(message as DashboardSnapshot);
      } else if (this.#state.snapshot) {
        const snapshot = applyDashboardUpdate(this.#state.snapshot, message as DashboardUpdate);
        this.#set({ status: 'live', snapshot, receivedAt: Date.now(), problem: undefined });
      }
    } catch (error) {
      this.#set({ problem: `The server sent a ${kind} the page cannot read (${String(error)}).` });
    }
  }

  #acceptSnapshot(snapshot: DashboardSnapshot): void {
    if (snapshot.version !== dashboardContractVersion) {
      this.stop();
      this.#set({
        status: 'failed',
        problem:
          `The server sent dashboard data version ${String(snapshot.version)}; this page reads version ${dashboardContractVersion}. ` +
          'Open the dashboard from the same jobqueue installation as the server.',
      });
      return;
    }
    this.#set({ status: 'live', snapshot, receivedAt: Date.now(), problem: undefined });
  }

  /** EventSource hides the HTTP status of a refused stream; the snapshot endpoint tells it. */
  async #diagnose(): Promise<void> {
    let problem: string;
    try {
      const response = await fetch(snapshotPath, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        this.stop();
        this.#set({ status: 'unauthorized', problem: undefined });
        return;
      }
      if (response.ok) {
        this.#acceptSnapshot((await response.json()) as DashboardSnapshot);
        if (this.#stopped) return;
        problem = 'Live updates are unavailable (the events stream failed); showing the state at the last try.';
      } else {
        problem = `The server answered ${response.status} ${response.statusText}.`;
      }
    } catch {
      problem = 'The server cannot be reached.';
    }
    if (this.#stopped) return;
    const delay = retryDelays[Math.min(this.#failures, retryDelays.length - 1)] ?? 30_000;
    this.#failures += 1;
    this.#set({ status: 'reconnecting', problem: `${problem} Trying again in ${delay / 1000} s.` });
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #set(change: Partial<DashboardFeedState>): void {
    this.#state = { ...this.#state, ...change };
    this.onChange(this.#state);
  }
}
