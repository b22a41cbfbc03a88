/**
 * `ml-pipeline validate [dir] [--maturity m] [--json] [--remediation r]`: the validator on any
 * folder, with its exit codes.
 */
import { resolve } from 'node:path';
import { runGenerator, type CliIo } from './cli.js';
import { formatReport } from './report.js';
import { EXIT_CODES, validate } from './validator.js';

export async function validateCommand(rest: string[], options: Map<string, string | boolean>, io: CliIo): Promise<number> {
  const dir = resolve(String(options.get('output') ?? rest[0] ?? '.'));
  const raw = options.get('maturity');
  const maturity = typeof raw === 'string' ? raw : undefined;
  if (options.has('remediation')) {
    // Remediation (a) re-runs skills: that needs the generators, through the environment.
    options.delete('output');
    await runGenerator('validate', dir, [dir], options, io);
  }
  const report = validate(dir, { maturity });
  if (!options.has('remediation')) {
    if (options.get('json')) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(formatReport(report));
      if (report.status !== 'success') io.out('To fix: ml-pipeline validate --remediation generate (or report for a gap report)');
    }
  }
  return EXIT_CODES[report.status];
}
