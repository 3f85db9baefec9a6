import type { BackendFixtures, OutputFixture } from '@jq/conformance';
import { arrayTaskIds, recorded, scenario } from './fixtures.js';

/** Options every conformance cluster uses: `pe` makes `cores` land in a directive (`-pe smp N`). */
export const conformanceOptions = { cores: 1, memory: '1GB', pe: 'smp' };

const fixture = (name: string): OutputFixture => {
  const { stdout, stderr, exitCode } = recorded(name);
  return { stdout, stderr, ...(exitCode === undefined ? {} : { exitCode }) };
};

/** The recorded mixed queue with the erroring job's `Eqw` replaced by `P`, a code of Univa's that SGE never prints. */
const withUnknownCode = recorded('qstat-xml-mixed').stdout.replace('<state>Eqw</state>', '<state>P</state>');

/** The adapter's oracle for @jq/conformance: everything recorded from SGE 8.1.9 by ci/sge/record-fixtures.sh. */
export const sgeConformanceFixtures: BackendFixtures = {
  rendering: {
    directivePrefix: '#$',
    rendersOptions: ['jobName', 'queue', 'account', 'cores', 'walltime', 'logDirectory'],
    cases: [
      { options: { walltime: '01:30:00' }, lines: ['#$ -l h_rt=01:30:00'] },
      { options: { walltime: 45 }, lines: ['#$ -l h_rt=00:45:00'] },
      { options: { cores: 4, queue: 'all.q', project: 'jqtest' }, lines: ['#$ -q all.q', '#$ -P jqtest', '#$ -pe smp 4'] },
      { options: { resourceSpec: 'h_vmem=2G,mem_req=2G' }, lines: ['#$ -l h_vmem=2G,mem_req=2G', '#$ -cwd', '#$ -j y'] },
    ],
  },
  submit: [
    { ...fixture('qsub-terse'), ids: [scenario.single] },
    { ...fixture('qsub-terse-array'), ids: arrayTaskIds, array: { count: scenario.arrayTasks } },
  ],
  status: {
    queued: { ...fixture('qstat-xml-mixed'), id: scenario.big },
    held: { ...fixture('qstat-xml-mixed'), id: scenario.held },
    running: { ...fixture('qstat-xml-mixed'), id: scenario.single },
    completing: { ...fixture('qstat-xml-transitional'), id: scenario.victim },
  },
  unreportedStates: {
    completed: 'qstat lists only jobs still in the queue; qacct tells how a job ended (its fixtures are in sge-accounting.test.ts)',
    failed: 'qstat lists only jobs still in the queue; qacct tells how a job ended (its fixtures are in sge-accounting.test.ts)',
    cancelled: 'a deleted job leaves qstat at once (or shows d… while going); qacct reports qdel kills',
    timeout: 'qstat lists no finished job; qacct reports h_rt kills (failed 37)',
    'out-of-memory': 'SGE enforces h_vmem with setrlimit: the job sees failed allocations and exits on its own, nothing records it as such',
    preempted: 'SGE has no preemption state: subordinate queues suspend jobs (S), which is held',
  },
  unknownState: { stdout: withUnknownCode, id: scenario.error },
  absentId: '999999',
  errors: {
    transient: ['qstat-qmaster-down', 'qsub-qmaster-down', 'qdel-qmaster-down'].map(fixture),
    permanent: ['qsub-unknown-queue', 'qsub-unknown-resource', 'qsub-unknown-project', 'qsub-unknown-pe', 'qsub-bad-name', 'qdel-unknown'].map(fixture),
  },
};
