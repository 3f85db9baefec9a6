/** How a {@link Backoff} grows. */
export interface BackoffPolicy {
  /** The first delay, in milliseconds. */
  initialMs: number;
  /** The longest delay, in milliseconds. */
  maxMs: number;
  /** Growth per step. Default 2. */
  factor?: number;
  /** Fraction of each delay that is random (0: none, 0.5: 50–100 % of it). Default 0. */
  jitter?: number;
  /** Source of randomness in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * Exponential backoff, the one used by command retries, the reconciler after failed
 * submissions and the status poller: a delay that grows by a factor up to a ceiling,
 * with optional jitter so many clients do not retry in step, and a reset on success.
 */
export class Backoff {
  #current: number;

  constructor(private readonly policy: BackoffPolicy) {
    this.#current = policy.initialMs;
  }

  /** The delay the next wait would take, before jitter. */
  get current(): number {
    return this.#current;
  }

  /** The delay to wait now (jittered), growing the next one by the policy's factor. */
  next(): number {
    const delay = this.#current;
    this.grow(this.policy.factor ?? 2);
    const jitter = this.policy.jitter ?? 0;
    return Math.round(delay * (1 - jitter + jitter * (this.policy.random ?? Math.random)()));
  }

  /** Grows the next delay by `factor`, up to the ceiling, without waiting. */
  grow(factor: number): void {
    this.#current = Math.min(this.policy.maxMs, this.#current * factor);
  }

  /** Back to the first delay. */
  reset(): void {
    this.#current = this.policy.initialMs;
  }
}
