/**
 * `yo ml-pipeline [goal]`: detects the blueprint in the goal, offers it, asks the three quick
 * questions (or the custom set, or none), composes the seven skills in the seed's order, then
 * validates the deliverables and offers remediation below 90%.
 */
import {
  BLUEPRINT_QUESTIONS, OFFER_MODES, SKILLS, assertRelevantGiven, parseChoice, question, questionsOf, withDefaults,
  type Answers, type OfferMode,
} from '../../lib/answers.js';
import { relative } from 'node:path';
import { MlPipelineBase, type MlPipelineOptions } from '../../lib/base-generator.js';
import { makeAllStages, serviceName, vectorDbDecision } from '../../lib/context.js';
import { detectBlueprint, shouldOfferBlueprint, type Detection } from '../../lib/detection.js';
import { offerBox, questionCounts } from '../../lib/offer.js';
import { generatorEntry } from '../../lib/paths.js';
import { AnswerError } from '../../lib/answers.js';
import { dataRequest, type DataRequest } from '../../lib/data/options.js';
import type { DatasetSchema } from '../../lib/data/infer-schema.js';

export default class AppGenerator extends MlPipelineBase {
  answers!: Answers;
  detection?: Detection;
  private known: Partial<Answers> = {};
  private mode?: OfferMode;
  /** Whether install() created .venv with the project in it. */
  private installed = false;
  /** --data and its companions, checked in initializing; the schema read in prompting. */
  private dataRequest?: DataRequest;
  private dataset?: DatasetSchema;

  constructor(args: string[], options: MlPipelineOptions) {
    // `composing` runs after the answers are stored; `validate` after every composed skill's `end`;
    // `nextSteps` after the validation report (and the one after remediation).
    super(args, options, {
      customPriorities: [{ priorityName: 'composing', before: 'default' }, { priorityName: 'validate' }, { priorityName: 'nextSteps' }],
    });
    this.argument('goal', { type: String, required: false, description: 'What you want to build, e.g. "ml pipeline for churn prediction"' });
    this.option('goal', { type: String, description: 'Same as the goal argument' });
    this.option('mode', { type: String, description: 'Answer to the blueprint offer: blueprint (1), custom (2) or skip (3)' });
    this.option('remediation', { type: String, description: 'Below 90% completeness: generate (a), continue (b) or report (c)' });
    this.option('skip-validation', { type: Boolean, description: 'Do not run the deliverables validator after generating' });
  }

  private goal(): string | undefined {
    const goal = this.rawOption('goal') as string | undefined;
    return goal && goal.trim() ? goal.trim() : undefined;
  }

  initializing(): void {
    // Every option is checked before anything else happens: a bad value writes nothing.
    this.known = this.knownAnswers();
    assertRelevantGiven(this.answersFromOptions(), this.known);
    const mode = this.rawOption('mode');
    if (mode !== undefined) this.mode = parseChoice(OFFER_MODES, mode, '--mode');
    this.remediationOption();
    this.dataRequest = dataRequest((name) => this.rawOption(name), process.cwd());
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
      for (const skill of SKILLS) answers = await this.ask(questionsOf(skill), answers);
    }
    this.answers = withDefaults({ ...defaults, ...answers }, this.destinationRoot());
    assertRelevantGiven(this.answersFromOptions(), this.answers);
    if (this.dataRequest) {
      this.dataset = await this.readDataset(this.dataRequest, this.answers.mlType);
    } else if (mode === 'custom' && this.answers.mlType === 'traditional-ml') {
      await this.askForTable();
    }
  }

  /** Custom mode: the user's table (or none: the churn sample), its schema previewed for confirmation. */
  private async askForTable(): Promise<void> {
    const { data } = await this.prompt([{
      type: 'input', name: 'data',
      message: 'Your own table to learn from (.csv, .csv.gz, .tsv or .parquet; empty: the churn sample):', default: '',
    }]);
    if (typeof data !== 'string' || data.trim() === '') return;
    const { target } = await this.prompt([{ type: 'input', name: 'target', message: 'The column to predict:' }]);
    const request = dataRequest((name) => ({ data, target })[name as 'data' | 'target'], process.cwd());
    if (!request) return;
    this.dataset = await this.readDataset(request, this.answers.mlType);
    const { confirmed } = await this.prompt([{ type: 'confirm', name: 'confirmed', message: 'Generate the project from this schema?', default: true }]);
    if (confirmed !== true) {
      throw new AnswerError('You declined the inferred schema: --task, --id-column, --timestamp-column and --drop change what is inferred. Nothing was written.');
    }
  }

  /**
   * The seed's offer: shown when there is no goal, when the goal matches with confidence >= 70%,
   * or when it names an ML type (lib/detection.ts says why); otherwise the full question set.
   */
  private async chooseMode(): Promise<OfferMode> {
    if (this.flag('defaults')) return 'skip';
    if (this.mode) return this.mode;
    if (this.hasStoredProject() && !this.flag('ask-answered')) return 'blueprint';
    const detection = this.detection;
    const counts = questionCounts(this.known, this.flag('ask-answered'));
    if (detection && !shouldOfferBlueprint(detection)) {
      this.log.info(
        `The goal names no ML pipeline and no ML type (blueprint match ${detection.confidence}%): ` +
          `asking the full question set (${counts.custom} questions).`,
      );
      return 'custom';
    }
    this.assertCanPrompt('--mode');
    this.log.writeln(offerBox(detection, counts));
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
    if (this.dataset) this.saveDataset(this.dataset);
  }

  /** Skills in the seed's order; vector-db only where the seed's enabled_when holds. */
  async composing(): Promise<void> {
    const forwarded = { force: this.flag('force'), skipInstall: this.options.skipInstall };
    for (const skill of SKILLS) {
      if (skill === 'vector-db') {
        const decision = vectorDbDecision(this.answers.mlType);
        if (!decision.enabled) {
          this.log.info(`[vector-db] skipped: ${decision.reason}.`);
          continue;
        }
      }
      await this.composeWith<MlPipelineBase>(generatorEntry(skill), forwarded);
    }
  }

  /** Files that earlier answers selected and these do not (the skills write the rest). */
  writing(): void {
    this.removeUnselected(this.context(this.answers));
  }

  async install(): Promise<void> {
    if (this.options.skipInstall) return;
    // A virtual environment with the project installed: `make all` works right after.
    this.log.info('Creating .venv and installing the project (skip with --skip-install)...');
    try {
      await this.spawn('python3', ['-m', 'venv', '.venv'], { cwd: this.destinationRoot(), stdio: 'inherit' });
      await this.spawn('.venv/bin/pip', ['install', '-e', '.[all,dev]'], { cwd: this.destinationRoot(), stdio: 'inherit' });
      this.installed = true;
    } catch (error) {
      this.log.error(`Installing the Python environment failed (${(error as Error).message}). Run \`make setup\` in the project to retry.`);
    }
  }

  async validate(): Promise<void> {
    if (!this.flag('skip-validation')) await this.validateAndRemediate(this.answers.maturity);
  }

  /** How to run the project, after the report: Makefile targets every generated project has. */
  nextSteps(): void {
    const dir = this.destinationRoot();
    const rel = relative(process.cwd(), dir);
    // Relative to where the user is when that is shorter (`../churn`), else absolute.
    const shown = rel === '' ? '' : shellWord(rel.length < dir.length ? rel : dir);
    const ctx = this.context(this.answers);
    const all = makeAllStages(ctx).join(' → ');
    const steps: Array<[string, string]> = [];
    if (shown) steps.push([`cd ${shown}`, '']);
    if (this.installed) steps.push(['source .venv/bin/activate', ''], ['make all', all]);
    else steps.push(['python3 -m venv .venv && source .venv/bin/activate', ''], ['make setup && make all', `install, then ${all}`]);
    steps.push(['make serve', `the ${serviceName(ctx)} on port ${this.answers.apiPort}`]);
    const width = Math.max(...steps.filter(([, note]) => note).map(([command]) => command.length));
    this.log.writeln([
      '',
      'Next steps:',
      ...steps.map(([command, note]) => `  ${note ? `${command.padEnd(width)}  # ${note}` : command}`),
      `  Read ${shown ? `${shown}/README.md` : 'README.md'} for the rest; \`make help\` lists every target.`,
    ].join('\n'));
  }
}

/** A path as one shell word. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
