/**
 * How a validation report reads: the console report (seed: Report results), the remediation
 * offer below 90%, and the detailed gap report written into the project.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { problemsOf, type ValidationReport } from './validator.js';

const VERDICT: Record<ValidationReport['status'], string> = {
  success: 'SUCCESS: ready to use',
  warning: 'WARNING: some optional features missing',
  failure: 'FAILURE: critical features missing',
};

export function formatPercent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

export function formatReport(report: ValidationReport): string {
  const lines = [
    'ML Pipeline Blueprint: deliverables validation',
    `Project:  ${report.projectDir}`,
    `Maturity: ${report.maturity} (profile "${report.profile}", from ${report.maturitySource})`,
    '',
  ];
  for (const result of report.results) {
    const problems = problemsOf(result);
    lines.push(`  ${result.fulfilled ? '✓' : '✗'} ${result.name}${problems.length ? `: ${problems.join('; ')}` : ''}`);
  }
  if (report.skipped.length > 0) lines.push('', `  Not required at ${report.profile}: ${report.skipped.join(', ')}`);
  lines.push(
    '',
    `Completeness: ${report.fulfilled}/${report.required} = ${formatPercent(report.completeness)}  ${VERDICT[report.status]}`,
  );
  for (const name of report.criticalMissing) lines.push(`  critical deliverable missing: ${name}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

export function missingOf(report: ValidationReport) {
  return report.results.filter((r) => !r.fulfilled);
}

/** The seed's remediation offer, shown below 90%. */
export function formatRemediationOffer(report: ValidationReport): string {
  const lines = ['Missing deliverables detected:'];
  for (const result of missingOf(report)) lines.push(`- ${result.name}: ${problemsOf(result).join('; ')}`);
  lines.push(
    '',
    'Would you like me to:',
    'a) Generate missing components now',
    'b) Continue with current implementation',
    'c) See detailed gap report',
  );
  return lines.join('\n');
}

/** The detailed gap report (remediation c): every failed file and check, as Markdown. */
export function formatGapReport(report: ValidationReport): string {
  const lines = [
    '# Blueprint gap report',
    '',
    `- Project: \`${report.projectDir}\``,
    `- Maturity: ${report.maturity} (profile \`${report.profile}\`)`,
    `- Completeness: ${report.fulfilled}/${report.required} = ${formatPercent(report.completeness)} (${report.status})`,
    ...report.criticalMissing.map((name) => `- Critical deliverable missing: ${name}`),
    '',
  ];
  const missing = missingOf(report);
  if (missing.length === 0) lines.push('Every required deliverable is fulfilled.');
  for (const result of missing) {
    lines.push(`## ${result.name}`, '', `Primary skill: \`${result.primarySkill}\` (re-run it with \`ml-pipeline ${result.primarySkill}\`)`, '');
    for (const file of result.missingFiles) lines.push(`- [ ] required file \`${file}\` is missing`);
    for (const problem of result.unhealthy) lines.push(`- [ ] ${problem.replace(/^(\S+?)(:? )/, '`$1`$2')}`);
    for (const check of result.checks) {
      lines.push(`- [${check.passed ? 'x' : ' '}] \`/${check.pattern}/\` in \`${check.in}\`: ${check.detail}`);
    }
    lines.push('');
  }
  if (report.notes.length > 0) lines.push('## Notes', '', ...report.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

export const GAP_REPORT_PATH = 'reports/blueprint-gap-report.md';

/** Plain words for the errors a write into a project commonly meets. */
const WRITE_ERRORS: Record<string, string> = {
  EEXIST: 'a file stands where the folder would go',
  ENOTDIR: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where the file would go',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENOENT: 'this file system does not allow it',
};

/**
 * Writes the gap report into the project, straight to disk so that the caller knows at once
 * whether it landed. Returns why it could not be written (no throw), or undefined.
 */
export function writeGapReport(projectDir: string, gap: string): string | undefined {
  const target = join(projectDir, GAP_REPORT_PATH);
  try {
    // Not `recursive: true`: Node's recursive mkdir loops forever where mkdir says ENOENT (e.g. /proc).
    try {
      mkdirSync(dirname(target));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dirname(target)).isDirectory()) throw error;
    }
    writeFileSync(target, gap);
    return undefined;
  } catch (error) {
    const { code, path, syscall } = error as NodeJS.ErrnoException;
    if (!code) return (error as Error).message;
    const what = syscall === 'mkdir' ? `create the folder ${path}` : `write ${path ?? target}`;
    return `could not ${what}: ${WRITE_ERRORS[code] ?? (error as Error).message} (${code})`;
  }
}
