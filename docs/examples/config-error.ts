// Options that come from outside the program (here a JSON string) are checked all at once:
// the error lists every problem with its value, what is expected and the nearest valid name.
import { ConfigError, JobQueueCluster, JobQueueError } from '@jq/core';
import { EngineScheduler } from '@jq/engine';
import { slurmBackend } from '@jq/slurm';

const fromFile = JSON.parse('{ "cores": 0, "memory": "lots", "job_extra": ["--exclusive"] }');
try {
  new JobQueueCluster({ backend: slurmBackend, scheduler: new EngineScheduler(), options: fromFile, config: false });
} catch (error) {
  if (!JobQueueError.hasCode(error, 'JQ_CONFIG_INVALID')) throw error;
  console.log(error.message);
  if (error instanceof ConfigError) console.log(`${error.issues.length} problems:`, error.issues.map((issue) => issue.path).join(', '));
}
