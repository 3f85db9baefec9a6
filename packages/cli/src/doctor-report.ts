import type { SettingsFindings } from './doctor-settings.js';
import type { TestJobReport } from './doctor-test-job.js';

/** `doctor`'s lines on the config files and presets: what was read, each problem with its fix. */
export function settingsLines(settings: SettingsFindings): string[] {
  const lines = [`config file: ${settings.configFiles.join(', ') || 'none (schema defaults and the command line only)'}`];
  if (settings.presets.length > 0) lines.push(`presets checked: ${settings.presets.map((entry) => `${entry.preset} (${entry.backend})`).join(', ')}`);
  if (settings.problems.length === 0) lines.push('settings: no problems');
  for (const problem of settings.problems) {
    lines.push(`problem: ${problem.source} (${problem.backend}): ${problem.path} ${problem.problem} (got ${JSON.stringify(problem.value)})`, `  fix: ${problem.fix}`);
  }
  return lines;
}

/** `doctor --test-job`'s lines: the held job's id, how it showed, that it was cancelled, or the fix. */
export function testJobLines(reports: TestJobReport[]): string[] {
  return reports.map((report) => {
    const outcome = report.id === null ? 'not accepted' : `job ${report.id} accepted, shown ${report.state ?? 'nowhere'}, ${report.cancelled ? 'cancelled' : 'NOT cancelled'}`;
    return `test job on ${report.backend} (${report.jobName}): ${outcome}${report.fix ? `\n  fix: ${report.fix}` : ''}`;
  });
}

/** True when the held job went through: accepted, shown held, cancelled. */
export function testJobPassed(report: TestJobReport): boolean {
  return report.id !== null && report.held && report.cancelled && report.fix === null;
}
