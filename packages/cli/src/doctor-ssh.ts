import type { SshSetting } from '@jq/core';
import type { SshSiteReport } from '@jq/ssh';

/** What `doctor --ssh` found, with a fix for each problem. */
export interface SshDoctorFindings extends SshSiteReport {
  /** What to change, one line each (empty when everything works). */
  fixes: string[];
}

/**
 * `jobqueue doctor --ssh <host>`: logs in to the site the way a cluster would, tries both
 * tunnel modes for real (a reverse tunnel dialed from the login node, a local forward
 * dialed from here), and says which to use, with a concrete fix for each failure.
 */
export async function checkSshDoctor(setting: SshSetting): Promise<SshDoctorFindings> {
  const { checkSshSite } = await import('@jq/ssh');
  const report = await checkSshSite(setting);
  return { ...report, fixes: fixesFor(report) };
}

function fixesFor(report: SshSiteReport): string[] {
  // The login error already names the cause and its remedy (unknown host key, refused key, unreachable).
  if (!report.connected) return [report.error ?? 'the login failed: run `ssh` by hand in a terminal to see why'];
  const fixes: string[] = [];
  if (report.reverse?.works !== true) {
    fixes.push(
      `reverse tunnel: ask the site to allow remote forwarding on the login node's sshd (AllowTcpForwarding yes or remote; GatewayPorts clientspecified so compute nodes can dial it), or set ssh.tunnelHost to a name compute nodes reach (${report.reverse?.detail ?? 'not tried'})`,
    );
  }
  if (report.forward?.works !== true) {
    fixes.push(`local forward: the login node's sshd must allow local forwarding (AllowTcpForwarding yes or local) (${report.forward?.detail ?? 'not tried'})`);
  }
  if (report.recommended === 'forward') {
    fixes.push(`only the local forward works: put the scheduler in a batch job, reached through it (ssh.tunnel forward): jobqueue up ... --ssh ${report.target} --placement scheduler-job`);
  }
  return fixes;
}

/** The human-readable lines of `findings`. */
export function sshDoctorLines(findings: SshDoctorFindings): string[] {
  const lines = [`ssh ${findings.target}: ${findings.connected ? 'logged in' : 'cannot log in'}`];
  if (findings.reverse) lines.push(`  reverse tunnel (scheduler here, workers dial the login node): ${findings.reverse.works ? 'works' : 'FAILS'} - ${findings.reverse.detail}`);
  if (findings.forward) lines.push(`  local forward (scheduler in a job, this machine dials it): ${findings.forward.works ? 'works' : 'FAILS'} - ${findings.forward.detail}`);
  if (findings.recommended) lines.push(`use: ssh.tunnel ${findings.recommended}${findings.recommended === 'reverse' ? ' (the default: jobqueue up ... --ssh ' + findings.target + ')' : ' (jobqueue up ... --ssh ' + findings.target + ' --placement scheduler-job)'}`);
  else if (findings.connected) lines.push('use: neither tunnel mode works from here');
  lines.push('note: compute nodes dial the same address the login node did; a firewall between them is not tested here');
  for (const fix of findings.fixes) lines.push(`  fix: ${fix}`);
  return lines;
}
