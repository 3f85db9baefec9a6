import type { BackendFixtures } from '@jq/conformance';

// Outputs written after the OAR manual (oarsub, `oarstat -s`), not recorded on a live
// OAR; replace them with recorded ones when you have a cluster.
const state = (id: string, code: string) => ({ id, stdout: `${id}: ${code}\n4999: Running\n` });
const cannotTell = 'oarstat -s reports it as Error, like any failure';

export const oarFixtures: BackendFixtures = {
  rendering: {
    directivePrefix: '#OAR',
    rendersOptions: ['jobName', 'queue', 'account', 'cores', 'walltime', 'logDirectory'],
    cases: [
      { options: { cores: 8, memory: '28GB', walltime: '00:02:00' }, lines: ['#OAR -n jq-worker', '#OAR -l /nodes=1/core=8,walltime=00:02:00'] },
      { options: { queue: 'default', account: 'myproject' }, lines: ['#OAR -q default', '#OAR --project myproject'] },
    ],
  },
  submit: [{ stdout: '[ADMISSION RULE] Set default walltime to 7200.\nOAR_JOB_ID=4321\n', ids: ['4321'] }],
  status: {
    queued: state('4321', 'Waiting'),
    held: state('4321', 'Hold'),
    running: state('4321', 'Running'),
    completing: state('4321', 'Finishing'),
    completed: state('4321', 'Terminated'),
    failed: state('4321', 'Error'),
  },
  unreportedStates: { cancelled: cannotTell, timeout: cannotTell, 'out-of-memory': cannotTell, preempted: cannotTell },
  unknownState: state('4321', 'Frobnicating'),
  absentId: '9999',
  errors: {
    transient: [{ stdout: '', stderr: '[ERROR] connection to the OAR server timed out\n' }],
    permanent: [{ stdout: '', stderr: '[ADMISSION RULE] Error: queue nonexistent does not exist\n' }],
  },
};
