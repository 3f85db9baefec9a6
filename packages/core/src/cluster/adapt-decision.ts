import type { AdaptDecision } from './cluster-events.js';

/** What one decision for one pool looks at: plain numbers, so deciding is a pure function. */
export interface AdaptSnapshot {
  /** The pool. */
  pool: string;
  /** Workers the scheduler would keep busy now (its worker query for this pool). */
  wantedWorkers: number;
  /** Worker processes per job of this pool. */
  processes: number;
  /** Live jobs (queued + running, not being released). */
  live: number;
  /** Live jobs still waiting in the batch queue. */
  queued: number;
  /** Jobs of the whole cluster waiting in the batch queue. */
  clusterQueued: number;
  /** Jobs submitted in the last minute. */
  submittedLastMinute: number;
  /** Consecutive earlier decisions that wanted fewer jobs than live. */
  lowerCount: number;
}

/** The rules a pool adapts by. */
export interface AdaptRules {
  /** Fewest and most jobs. */
  minimumJobs: number;
  maximumJobs: number;
  /** Consecutive lower recommendations before scaling down. */
  waitCount: number;
  /** Most of this pool's jobs waiting in the queue at once. */
  maxQueuedJobs: number;
  /** Most jobs of the whole cluster waiting in the queue at once. */
  clusterMaxQueuedJobs: number;
  /** Most jobs submitted per minute. */
  maxSubmitsPerMinute: number;
}

/** A decision, the pool's new target in jobs, and the scale-down counter to carry to the next decision. */
export interface AdaptOutcome {
  decision: AdaptDecision;
  targetJobs: number;
  lowerCount: number;
}

/**
 * Moves a pool's job target with the scheduler's wish without churning the batch queue:
 * queued jobs count as capacity on its way, scale-down waits for `waitCount` lower
 * recommendations, and submissions respect the queue limits and a rate limit.
 */
export function decideAdapt(snapshot: AdaptSnapshot, rules: AdaptRules): AdaptOutcome {
  const { live, queued, processes } = snapshot;
  const wanted = Math.max(0, snapshot.wantedWorkers);
  const desiredJobs = Math.min(rules.maximumJobs, Math.max(rules.minimumJobs, Math.ceil(wanted / processes)));
  const base = {
    pool: snapshot.pool,
    target: Math.min(rules.maximumJobs * processes, Math.max(rules.minimumJobs * processes, wanted)),
    desiredJobs,
    current: live,
    queued,
  };
  if (desiredJobs > live) {
    const poolRoom = rules.maxQueuedJobs - queued;
    const clusterRoom = rules.clusterMaxQueuedJobs - snapshot.clusterQueued;
    const rateRoom = rules.maxSubmitsPerMinute - snapshot.submittedLastMinute;
    const allowed = Math.max(0, Math.min(desiredJobs - live, poolRoom, clusterRoom, rateRoom));
    if (allowed > 0) {
      const reason = `target needs ${desiredJobs} job(s), ${live} live (${queued} queued): submitting ${allowed}`;
      return { decision: { ...base, action: 'scale-up', reason }, targetJobs: live + allowed, lowerCount: 0 };
    }
    const reason =
      poolRoom <= 0
        ? `maxQueuedJobs (${rules.maxQueuedJobs}) reached`
        : clusterRoom <= 0
          ? `the cluster's maxQueuedJobs (${rules.clusterMaxQueuedJobs}) reached`
          : `submission rate limit (${rules.maxSubmitsPerMinute}/min) reached`;
    return { decision: { ...base, action: 'wait', reason }, targetJobs: live, lowerCount: 0 };
  }
  if (desiredJobs < live) {
    const lowerCount = snapshot.lowerCount + 1;
    if (lowerCount >= rules.waitCount) {
      const reason = `target needs ${desiredJobs} job(s) for ${rules.waitCount} decisions, ${live} live: releasing ${live - desiredJobs}`;
      return { decision: { ...base, action: 'scale-down', reason }, targetJobs: desiredJobs, lowerCount: 0 };
    }
    const reason = `lower target ${lowerCount}/${rules.waitCount} before scaling down`;
    return { decision: { ...base, action: 'wait', reason }, targetJobs: live, lowerCount };
  }
  return { decision: { ...base, action: 'hold', reason: `${live} live job(s) match the target` }, targetJobs: desiredJobs, lowerCount: 0 };
}
