/**
 * `@jq/ssh`: drive a jobqueue cluster from a laptop. Every batch command runs on the login
 * node over one OpenSSH ControlMaster connection; workers reach the scheduler through a tunnel.
 *
 * ```ts
 * import { SshCommandRunner } from '@jq/ssh';
 * const runner = new SshCommandRunner({ host: 'login.hpc.example.org' });
 * const cluster = createSlurmCluster({ scheduler, runner, options: { cores: 4, memory: '8GB' } });
 * ```
 * @module
 */
export { SshCommandRunner } from './ssh-command-runner.js';
export { resolveSshOptions, type ResolvedSshOptions, type SshOptions, type SshTunnelMode } from './ssh-options.js';
export { connectionArguments, controlArgv, masterArgv, sessionArgv } from './ssh-arguments.js';
export { remoteCommandLine, submitOnceScript } from './ssh-remote-scripts.js';
export { checkSshSite, type SshSiteReport, type TunnelCheck } from './ssh-site-check.js';
