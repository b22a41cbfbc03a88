/**
 * `yo ml-pipeline [goal]`: detects the blueprint in the goal, offers it, asks the three quick
 * questions (or the custom set, or none), composes the seven skills in the seed's order, then
 * validates the deliverables and offers remediation below 90%.
 */
import {
  BLUEPRINT_QUESTIONS, OFFER_MODES, SKILLS, parseChoice, question, questionsOf, withDefaults,
  type Answers, type OfferMode,
} from '../../lib/answers.js';
import { MlPipelineBase, type MlPipelineOptions } from '../../lib/base-generator.js';
import { vectorDbDecision } from '../../lib/context.js';
import { detectBlueprint, shouldOfferBlueprint, type Detection } from '../../lib/detection.js';
import { offerBox } from '../../lib/offer.js';
import { generatorEntry } from '../../lib/paths.js';
import { formatGapReport, formatRemediationOffer, formatReport, GAP_REPORT_PATH } from '../../lib/report.js';
import { validate, type ValidationReport } from '../../lib/validator.js';

export const REMEDIATIONS = [
  { value: 'generate', label: 'a) Generate missing components now', aliases: ['a'] },
  { value: 'continue', label: 'b) Continue with current implementation', aliases: ['b'] },
  { value: 'report', label: 'c) See detailed gap report', aliases: ['c'] },
] as const;
export type Remediation = (typeof REMEDIATIONS)[number]['value'];

export default class AppGenerator extends MlPipelineBase {
  answers!: Answers;
  detection?: Detection;
  report?: ValidationReport;
  /** Validation reports in order: the first, and the one after remediation (a). */
  reports: ValidationReport[] = [];
  private known: Partial<Answers> = {};
  private mode?: OfferMode;
  private remediation?: Remediation;

  constructor(args: string[], options: MlPipelineOptions) {
    // `composing` runs after the answers are stored; `validate` after every composed skill's `end`.
    super(args, options, { customPriorities: [{ priorityName: 'composing', before: 'default' }, { priorityName: 'validate' }] });
    this.argument('goal', { type: String, required: false, description: 'What you want to build, e.g. "ml pipeline for churn prediction"' });
    this.option('goal', { type: String, description: 'Same as the goal argument' });
    this.option('mode', { type: String, description: 'Answer to the blueprint offer: blueprint (1), custom (2) or skip (3)' });
    this.option('remediation', { type: String, description: 'Below 90% completeness: generate (a), continue (b) or report (c)' });
    this.option('skip-validation', { type: Boolean, description: 'Do not run the deliverables validator after generating' });
  }

  private goal(): string | undefined {
    const goal = (this.rawOption('goal') as string | undefined) ?? undefined;
    return goal && goal.trim() ? goal.trim() : undefined;
  }

  initializing(): void {
    // Every option is checked before anything else happens: a bad value writes nothing.
    this.known = this.knownAnswers();
    const mode = this.rawOption('mode');
    if (mode !== undefined) this.mode = parseChoice(OFFER_MODES, mode, '--mode');
    const remediation = this.rawOption('remediation');
    if (remediation !== undefined) this.remediation = parseChoice(REMEDIATIONS, remediation, '--remediation');
    if (!this.hasStoredProject()) this.checkTargetFolder();
    const goal = this.goal();
    if (goal) this.detection = detectBlueprint(goal);
  }

  async prompting(): Promise<void> {
    const defaults: Partial<Answers> = this.detection?.mlType ? { mlType: this.detection.mlType } : {};
    const mode = await this.chooseMode();
    let answers = this.known;
    if (mode === 'blueprint') {
      answers = await this.ask(BLUEPRINT_QUESTIONS.map(question), answers, defaults);
    } else if (mode === 'custom') {
      answers = await this.ask(questionsOf('app'), answers, defaults);
      this.assertImplemented(withDefaults(answers, this.destinationRoot()));
      for (const skill of SKILLS) answers = await this.ask(questionsOf(skill), answers);
    }
    this.answers = withDefaults({ ...defaults, ...answers }, this.destinationRoot());
    this.assertImplemented(this.answers);
  }

  /** The seed's offer: shown when there is no goal, or the goal matches with confidence >= 70%. */
  private async chooseMode(): Promise<OfferMode> {
    if (this.flag('defaults')) return 'skip';
    if (this.mode) return this.mode;
    if (this.hasStoredProject() && !this.flag('ask-answered')) return 'blueprint';
    const detection = this.detection;
    if (detection && !shouldOfferBlueprint(detection)) {
      this.log.info(
        `Goal matches the ML Pipeline Blueprint with ${detection.level} confidence (${detection.confidence}%): ` +
          'continuing with the full question set.',
      );
      return 'custom';
    }
    this.assertCanPrompt('--mode');
    this.log.writeln(offerBox(detection));
    const { mode } = await this.prompt([{
      type: 'select',
      name: 'mode',
      message: 'Your choice (1/2/3):',
      choices: OFFER_MODES.map((m) => ({ name: `${m.number}. ${m.label}`, value: m.value })),
      default: 'blueprint',
    }]);
    return parseChoice(OFFER_MODES, mode, 'the blueprint offer');
  }

  configuring(): void {
    this.saveAnswers(this.answers);
  }

  /** Skills in the seed's order; vector-db only where the seed's enabled_when holds. */
  async composing(): Promise<void> {
    const forwarded = { force: this.flag('force'), skipInstall: this.options.skipInstall };
    for (const skill of SKILLS) {
      if (skill === 'vector-db') {
        const decision = vectorDbDecision(this.answers.mlType);
        if (!decision.enabled) {
          this.log.info(`Skipping vector-db (designing-databases-vector): ${decision.reason}.`);
          continue;
        }
      }
      await this.composeWith<MlPipelineBase>(generatorEntry(skill), forwarded);
    }
  }

  async install(): Promise<void> {
    if (this.options.skipInstall) return;
    // A virtual environment with the project installed: `make all` works right after.
    this.log.info('Creating .venv and installing the project (skip with --skip-install)...');
    try {
      await this.spawn('python3', ['-m', 'venv', '.venv'], { cwd: this.destinationRoot(), stdio: 'inherit' });
      await this.spawn('.venv/bin/pip', ['install', '-e', '.[all,dev]'], { cwd: this.destinationRoot(), stdio: 'inherit' });
    } catch (error) {
      this.log.error(`Installing the Python environment failed (${(error as Error).message}). Run \`make setup\` in the project to retry.`);
    }
  }

  async validate(): Promise<void> {
    if (this.flag('skip-validation')) return;
    const report = this.runValidation();
    if (report.status === 'success') return;
    this.log.writeln(formatRemediationOffer(report));
    const choice = this.remediation ?? (this.flag('defaults') ? 'generate' : await this.askRemediation());
    if (choice === 'generate') {
      const skills = [...new Set(report.results.filter((r) => !r.fulfilled).map((r) => r.primarySkill))];
      this.log.info(`Re-running ${skills.join(', ')} to generate the missing components...`);
      for (const skill of skills) await this.composeWith<MlPipelineBase>(generatorEntry(skill), { force: this.flag('force') });
      // Runs after the re-run skills have written and committed their files.
      this.queueTask({ method: () => { this.runValidation(); }, taskName: 'revalidate', queueName: this.validateQueue() });
    } else if (choice === 'report') {
      const gap = formatGapReport(report);
      this.log.writeln(gap);
      this.fs.write(this.destinationPath(GAP_REPORT_PATH), gap);
      this.log.info(`Gap report written to ${GAP_REPORT_PATH}`);
    }
  }

  private runValidation(): ValidationReport {
    const report = validate(this.destinationRoot(), { maturity: this.answers.maturity });
    this.report = report;
    this.reports.push(report);
    this.log.writeln(formatReport(report));
    return report;
  }

  private async askRemediation(): Promise<Remediation> {
    this.assertCanPrompt('--remediation');
    const { remediation } = await this.prompt([{
      type: 'select',
      name: 'remediation',
      message: 'Would you like me to:',
      choices: REMEDIATIONS.map((r) => ({ name: r.label, value: r.value })),
      default: 'generate',
    }]);
    return parseChoice(REMEDIATIONS, remediation, 'the remediation offer');
  }

  private validateQueue(): string {
    const queues = (this as unknown as { _queues: Record<string, { queueName: string }> })._queues;
    const queue = queues.validate;
    if (!queue) throw new Error('validate priority is not registered');
    return queue.queueName;
  }
}
