/**
 * `yo ml-pipeline:validate [dir]`: the post-run validator on any existing project, with the
 * seed's remediation offer below 90%. The bin's `ml-pipeline validate` reads the same report.
 */
import { MlPipelineBase, type MlPipelineOptions } from '../../lib/base-generator.js';

export default class ValidateGenerator extends MlPipelineBase {
  constructor(args: string[], options: MlPipelineOptions) {
    super(args, options, { customPriorities: [{ priorityName: 'validate' }] });
    this.argument('dir', { type: String, required: false, description: 'Project folder (default: the current folder)' });
    this.option('remediation', { type: String, description: 'Below 90% completeness: generate (a), continue (b) or report (c)' });
  }

  initializing(): void {
    const dir = this.rawOption('dir');
    if (typeof dir === 'string' && dir) this.destinationRoot(this.destinationPath(dir));
    this.remediationOption();
  }

  async validate(): Promise<void> {
    const maturity = this.rawOption('maturity');
    await this.validateAndRemediate(typeof maturity === 'string' ? maturity : undefined);
  }
}
