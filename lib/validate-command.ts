/**
 * `ml-pipeline validate [dir] [--maturity m] [--json] [--remediation r] [--defaults] [--force]`:
 * the validator on any folder, with its exit codes (EXIT in lib/exit-codes.ts):
 *
 *    0  success: 90% or more of the required deliverables, none of the critical ones missing
 *    1  warning: 70-89%
 *    2  failure: below 70%, or a critical deliverable missing (or broken)
 *   64  bad arguments: bad --maturity or --remediation, a target that is not a readable folder,
 *       or --remediation generate on a folder without answers, without --defaults or a terminal
 *   74  --remediation report could not write the gap report (it is still printed)
 *
 * Arguments are checked before anything is read or written. Remediation (a) re-runs skills, so it
 * goes through the generators; (b) and (c) are done here, where the exit code is decided.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AnswerError, MATURITIES, parseChoice } from './answers.js';
import { REMEDIATIONS, type Remediation } from './base-generator.js';
import { runGenerator, type CliIo } from './cli.js';
import { EXIT } from './exit-codes.js';
import { formatGapReport, formatRemediationOffer, formatReport, GAP_REPORT_PATH, writeGapReport } from './report.js';
import { EXIT_CODES, targetProblem, validate } from './validator.js';

export async function validateCommand(rest: string[], options: Map<string, string | boolean>, io: CliIo): Promise<number> {
  const dir = resolve(String(options.get('output') ?? rest[0] ?? '.'));
  const usage = (message: string): number => {
    io.err(`Error: ${message} Nothing was written.`);
    return EXIT.usage;
  };
  let maturity: string | undefined;
  let remediation: Remediation | undefined;
  try {
    const raw = options.get('maturity');
    if (raw !== undefined) maturity = parseChoice(MATURITIES, raw, '--maturity');
    const rawRemediation = options.get('remediation');
    if (rawRemediation !== undefined) remediation = parseChoice(REMEDIATIONS, rawRemediation, '--remediation');
  } catch (error) {
    if (error instanceof AnswerError) return usage(error.message);
    throw error;
  }
  const problem = targetProblem(dir);
  if (problem) return usage(`${problem}.`);

  const report = validate(dir, { maturity });
  if (remediation === 'generate' && report.status !== 'success') {
    // The skills would ask for the answers a bare folder lacks; without a terminal, say how to give them.
    if (!io.interactive && !options.get('defaults') && !existsSync(join(dir, '.yo-rc.json'))) {
      return usage(`${dir} has no .yo-rc.json, so the missing components need answers and there is no terminal to ask: ` +
        'pass --defaults to generate them with the blueprint defaults (or generate the project first with ml-pipeline -o <dir>).');
    }
    options.delete('output');
    try {
      await runGenerator('validate', dir, [dir], options, io);
    } catch (error) {
      if (error instanceof AnswerError) return usage(error.message);
      throw error;
    }
    const after = validate(dir, { maturity });
    if (options.get('json')) io.out(JSON.stringify(after, null, 2));
    return EXIT_CODES[after.status];
  }

  if (options.get('json')) io.out(JSON.stringify(report, null, 2));
  else io.out(formatReport(report));
  if (report.status === 'success') return EXIT_CODES.success;
  if (remediation === undefined) {
    if (!options.get('json')) io.out('To fix: ml-pipeline validate --remediation generate (or report for a gap report)');
    return EXIT_CODES[report.status];
  }
  if (!options.get('json')) io.out(formatRemediationOffer(report));
  if (remediation === 'report') {
    const gap = formatGapReport(report);
    if (!options.get('json')) io.out(gap);
    const failure = writeGapReport(dir, gap);
    if (failure) {
      io.err(`Error: the gap report was not written to ${GAP_REPORT_PATH}: ${failure}. ${options.get('json') ? '' : 'It is printed above.'}`.trimEnd());
      return EXIT.ioError;
    }
    (options.get('json') ? io.err : io.out)(`Gap report written to ${GAP_REPORT_PATH}`);
  }
  return EXIT_CODES[report.status];
}
