import { describe, expect, it } from 'vitest';
import { type AdaptRules, type AdaptSnapshot, decideAdapt } from '../src/index.js';

const rules: AdaptRules = { minimumJobs: 0, maximumJobs: 10, waitCount: 3, maxQueuedJobs: Infinity, clusterMaxQueuedJobs: Infinity, maxSubmitsPerMinute: Infinity };
const snapshot = (over: Partial<AdaptSnapshot>): AdaptSnapshot => ({
  pool: 'default', wantedWorkers: 0, processes: 1, live: 0, queued: 0, clusterQueued: 0, submittedLastMinute: 0, lowerCount: 0, ...over,
});

describe('decideAdapt', () => {
  it('scales up to whole jobs within the bounds', () => {
    expect(decideAdapt(snapshot({ wantedWorkers: 5, processes: 2 }), rules)).toMatchObject({ targetJobs: 3, decision: { action: 'scale-up', desiredJobs: 3, target: 5 } });
    expect(decideAdapt(snapshot({ wantedWorkers: 50 }), rules).targetJobs).toBe(10);
    expect(decideAdapt(snapshot({ wantedWorkers: 0 }), { ...rules, minimumJobs: 2 })).toMatchObject({ targetJobs: 2, decision: { action: 'scale-up' } });
  });

  it('counts queued jobs as capacity and respects the queue limits and the submission rate', () => {
    expect(decideAdapt(snapshot({ wantedWorkers: 4, live: 4, queued: 4 }), rules).decision.action).toBe('hold');
    expect(decideAdapt(snapshot({ wantedWorkers: 8, live: 4, queued: 3 }), { ...rules, maxQueuedJobs: 5 })).toMatchObject({ targetJobs: 6 });
    expect(decideAdapt(snapshot({ wantedWorkers: 8, live: 4, queued: 5 }), { ...rules, maxQueuedJobs: 5 })).toMatchObject({
      targetJobs: 4,
      decision: { action: 'wait', reason: 'maxQueuedJobs (5) reached' },
    });
    expect(decideAdapt(snapshot({ wantedWorkers: 8, clusterQueued: 9 }), { ...rules, clusterMaxQueuedJobs: 9 }).decision.reason).toBe("the cluster's maxQueuedJobs (9) reached");
    expect(decideAdapt(snapshot({ wantedWorkers: 8, submittedLastMinute: 6 }), { ...rules, maxSubmitsPerMinute: 8 }).targetJobs).toBe(2);
  });

  it('waits for waitCount lower recommendations before scaling down', () => {
    let lowerCount = 0;
    const actions: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const outcome = decideAdapt(snapshot({ wantedWorkers: 1, live: 4, lowerCount }), rules);
      lowerCount = outcome.lowerCount;
      actions.push(`${outcome.decision.action}:${outcome.targetJobs}`);
    }
    expect(actions).toEqual(['wait:4', 'wait:4', 'scale-down:1']);
    expect(decideAdapt(snapshot({ wantedWorkers: 6, live: 4, lowerCount: 2 }), rules).lowerCount).toBe(0);
  });
});
