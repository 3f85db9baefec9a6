// A user of the campus cluster: the site's defaults come from its preset package, the
// user adds only what differs. Explicit options win over the preset.
import { campusSlurm } from '@example/preset-hpc-campus';
import { EngineScheduler } from '@jq/engine';
import { createSlurmCluster } from '@jq/slurm';

const cluster = createSlurmCluster({ scheduler: new EngineScheduler({ host: '0.0.0.0' }), preset: campusSlurm, options: { cores: 4, memory: '8GB' }, config: false });
console.log(cluster.jobScript());
await cluster.close();
