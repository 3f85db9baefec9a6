import type { SchedulerV1 } from '../contracts/scheduler-v1.js';
import type { ResolvedOptions } from '../options/common-options.js';
import { type ClusterParts, connectRunner } from './cluster-parts.js';
import { poolShapes } from './cluster-pools.js';
import type { Pool } from './job-submitter.js';

/**
 * Starts the cluster's scheduler: tells it the pools (for placement by resources) and the
 * interface to listen on, starts it, then lets the command runner learn where workers dial
 * (an SSH runner opens its tunnel). A note the scheduler returns (the interface is not on
 * this host) joins `notices` and is warned once.
 */
export async function startScheduler(
  scheduler: SchedulerV1,
  context: { parts: ClusterParts; pools: ReadonlyMap<string, Pool>; options: ResolvedOptions; notices: string[] },
): Promise<void> {
  scheduler.setPools?.(poolShapes(context.pools));
  const networkInterface = context.options.schedulerInterface ?? context.options.interface;
  const note = networkInterface === undefined ? undefined : scheduler.listenOn?.(networkInterface);
  if (note !== undefined && !context.notices.includes(note)) {
    context.notices.push(note);
    process.emitWarning(note, { code: 'JQ_INTERFACE_ABSENT' });
  }
  await scheduler.start();
  await connectRunner(context.parts, scheduler);
}
