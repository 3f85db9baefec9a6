// Terminal 2: find the cluster by name, look at it, change it.
import { JobQueueCluster, RemoteCluster } from '@jq/core';

// Core waits for the owner's reply on timers that do not keep Node alive, so a process
// that holds nothing else would exit mid-request (status 13). Until core holds the process
// open itself, keep it open while you talk to the owner:
const keepAlive = setInterval(() => undefined, 1000);

const name = process.argv[2] ?? 'analysis';
const cluster = await JobQueueCluster.attach(name);
if (!(cluster instanceof RemoteCluster)) throw new Error('expected the owner to be alive');
console.log(`attached to ${cluster.name}: ${cluster.jobs().length} job(s), owner alive`);
await cluster.scale({ jobs: 2 }); // a request the owner carries out
console.log('asked for 2 jobs');
clearInterval(keepAlive);
