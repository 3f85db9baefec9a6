import type { WorkerStartup } from '@jq/engine';
import { quantile } from './bench-timing.js';

/** One worker's start-up, in ms after the `scale()` call. */
export interface WorkerTimeline {
  jobKey: string;
  /** The job script started (its prologue wrote the time). */
  scriptStarted: number;
  processStarted?: number;
  modulesLoaded?: number;
  connected?: number;
  registered: number;
}

/** Per-worker timelines from the job scripts' start times and what the workers reported. */
export function buildTimelines(began: number, scriptStarts: Map<string, number>, registered: Map<string, number>, startups: WorkerStartup[]): WorkerTimeline[] {
  const reported = new Map(startups.map((startup) => [startup.jobKey, startup]));
  return [...registered].map(([jobKey, at]) => {
    const startup = reported.get(jobKey);
    const after = (time: number | undefined): number | undefined => (time === undefined ? undefined : time - began);
    return {
      jobKey,
      scriptStarted: (scriptStarts.get(jobKey) ?? Number.NaN) - began,
      ...(startup === undefined
        ? {}
        : { processStarted: after(startup.processStart), modulesLoaded: after(startup.modulesLoaded), connected: after(startup.connected) }),
      registered: at - began,
    } as WorkerTimeline;
  });
}

/** The median of each step over the workers (NaN where no worker reported it). */
export function medianTimeline(timelines: WorkerTimeline[]): Record<Exclude<keyof WorkerTimeline, 'jobKey'>, number> {
  const median = (pick: (timeline: WorkerTimeline) => number | undefined): number => {
    const values = timelines.map(pick).filter((value): value is number => value !== undefined && Number.isFinite(value));
    return values.length === 0 ? Number.NaN : quantile(values, 0.5);
  };
  return {
    scriptStarted: median((timeline) => timeline.scriptStarted),
    processStarted: median((timeline) => timeline.processStarted),
    modulesLoaded: median((timeline) => timeline.modulesLoaded),
    connected: median((timeline) => timeline.connected),
    registered: median((timeline) => timeline.registered),
  };
}
