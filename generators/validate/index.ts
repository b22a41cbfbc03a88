/**
 * `yo ml-pipeline:validate [dir]`: the post-run validator on any existing project. It reads,
 * never writes; the bin (`ml-pipeline validate`) sets the exit code from the same report.
 */
import Generator from 'yeoman-generator';
import { formatReport } from '../../lib/report.js';
import { EXIT_CODES, validate, type ValidationReport } from '../../lib/validator.js';

export default class ValidateGenerator extends Generator {
  report?: ValidationReport;

  constructor(args: string[], options: Generator['options']) {
    super(args, options, { tasksMatchingPriority: true });
    this.argument('dir', { type: String, required: false, description: 'Project folder (default: the current folder)' });
    this.option('maturity', { type: String, description: 'Validate at this maturity instead of the one in .yo-rc.json [starter|production|advanced]' });
    this.option('json', { type: Boolean, description: 'Print the report as JSON' });
  }

  default(): void {
    const options = this.options as Record<string, unknown>;
    const dir = this.destinationPath(String(options.dir ?? '.'));
    this.report = validate(dir, { maturity: options.maturity as string | undefined });
    this.log.writeln(options.json ? JSON.stringify(this.report, null, 2) : formatReport(this.report));
    if (options.setExitCode) process.exitCode = EXIT_CODES[this.report.status];
  }
}
