/**
 * What every ml-pipeline generator shares: one CLI option per question, reading answers from
 * options and .yo-rc.json, prompting only for what is missing, and writing files so that a
 * user's edit is never lost.
 */
import { readFileSync } from 'node:fs';
import Generator, { type BaseFeatures, type BaseOptions } from 'yeoman-generator';
import {
  AnswerError, QUESTIONS, isRelevant, optionName, parseAnswer, parseChoice,
  parseAnswers, storable, withDefaults,
  type AnswerName, type Answers, type QuestionSpec,
} from './answers.js';
import { buildContext, type ProjectContext } from './context.js';
import { createConflicterTransform, createYoResolveTransform } from '@yeoman/conflicter';
import type { MemFsEditorFile } from 'mem-fs-editor';
import { isFilePending } from 'mem-fs-editor/state';
import { commitTransform, forceStateFiles } from './atomic-commit.js';
import { contentHash, decideWrite, renderFile, type SelectedFile, type WriteDecision } from './file-table.js';
import { projectFiles } from './project-files.js';
import { generatorEntry, packagePath } from './paths.js';
import { formatGapReport, formatRemediationOffer, formatReport, GAP_REPORT_PATH, writeGapReport } from './report.js';
import { DATASET_KEY, GENERATOR_KEY, MANIFEST_KEY } from './storage-keys.js';
import type { DatasetSchema } from './data/infer-schema.js';
import { loadDataset, type DataRequest } from './data/options.js';
import { schemaPreview } from './data/preview.js';
import { checkTarget } from './target.js';
import { canPrompt, YEOMAN_TASK_ERROR } from './terminal.js';
import { validate, type ValidationReport } from './validator.js';

export type MlPipelineOptions = BaseOptions & Record<string, unknown>;

/** Options every generator of this package accepts besides the questions. */
export const COMMON_OPTIONS = [
  { name: 'defaults', description: 'Answer every question that has no answer yet with its blueprint default (no prompts)' },
  { name: 'force', description: 'Overwrite files you edited, and allow generating into a folder of other files' },
  { name: 'ask-answered', description: 'Ask again the questions already answered in .yo-rc.json' },
] as const;

export function generatorVersion(): string {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The seed's remediation offer, below 90% completeness. */
export const REMEDIATIONS = [
  { value: 'generate', label: 'a) Generate missing components now', aliases: ['a'] },
  { value: 'continue', label: 'b) Continue with current implementation', aliases: ['b'] },
  { value: 'report', label: 'c) See detailed gap report', aliases: ['c'] },
] as const;
export type Remediation = (typeof REMEDIATIONS)[number]['value'];

export interface WriteSummary {
  written: string[];
  identical: string[];
  kept: string[];
}

export abstract class MlPipelineBase extends Generator<Record<string, unknown>, MlPipelineOptions> {
  constructor(args: string[], options: MlPipelineOptions, features?: BaseFeatures) {
    super(args, options, { tasksMatchingPriority: true, inheritTasks: true, ...features });
    // Yeoman logs "An error occured while running x#task" for any failed task, before whoever runs
    // the generator reports the error itself: one clear line is enough.
    const log = this.log;
    const error = (...args: unknown[]) => (YEOMAN_TASK_ERROR.test(String(args[0])) ? quiet : log.error(...(args as [string])));
    const quiet = new Proxy(log, { get: (target, key, receiver) => (key === 'error' ? error : Reflect.get(target, key, receiver)) });
    (this as { log: typeof log }).log = quiet;
    this.commitAtomically();
    for (const q of QUESTIONS) {
      const choices = q.choices ? ` [${q.choices.map((c) => c.value).join('|')}]` : '';
      this.option(optionName(q.name), { type: String, description: `${q.description ?? q.message}${choices}` });
    }
    for (const o of COMMON_OPTIONS) this.option(o.name, { type: Boolean, description: o.description });
  }

  /** An option as given on the CLI (`--ml-type`) or programmatically (`mlType`). */
  protected rawOption(name: string): unknown {
    const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const camel = kebab.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    const options = this.options as Record<string, unknown>;
    return options[kebab] ?? options[camel];
  }

  protected flag(name: string): boolean {
    const value = this.rawOption(name);
    return value === true || value === 'true';
  }

  /** Answers given as options; a bad value throws an AnswerError naming the allowed values. */
  protected answersFromOptions(): Partial<Answers> {
    const record: Record<string, unknown> = {};
    for (const q of QUESTIONS) {
      const value = this.rawOption(q.name);
      // `--batching` alone means yes; `--no-batching` arrives as false.
      if (value !== undefined) record[q.name] = value === '' && q.kind === 'boolean' ? true : value;
    }
    return parseAnswers(record);
  }

  protected answersFromConfig(): Partial<Answers> {
    try {
      return parseAnswers(this.config.getAll());
    } catch (error) {
      if (error instanceof AnswerError) {
        throw new AnswerError(`${error.message.replace(/ for --/, ' stored in .yo-rc.json for --')} Fix or remove it in .yo-rc.json.`);
      }
      throw error;
    }
  }

  /** What is known without asking: stored answers, overridden by options given now. */
  protected knownAnswers(): Partial<Answers> {
    return { ...this.answersFromConfig(), ...this.answersFromOptions() };
  }

  protected hasStoredProject(): boolean {
    return Object.keys(this.config.getAll()).length > 0;
  }

  protected checkTargetFolder(): void {
    checkTarget(this.destinationRoot(), { force: this.flag('force') });
  }

  /**
   * Asks each question in turn (so relevance and derived defaults see earlier answers), skipping
   * those already answered unless --ask-answered. `defaults` overrides a question's own default
   * (e.g. the ML type the goal points at).
   */
  protected async ask(specs: readonly QuestionSpec[], known: Partial<Answers>, defaults: Partial<Answers> = {}): Promise<Partial<Answers>> {
    const answers: Partial<Answers> = { ...known };
    const askAnswered = this.flag('ask-answered');
    for (const spec of specs) {
      if (!isRelevant(spec, answers)) continue;
      if (answers[spec.name] !== undefined && !askAnswered) continue;
      const fallback = answers[spec.name] ?? defaults[spec.name] ?? spec.default(answers, this.destinationRoot());
      this.assertCanPrompt(`--${optionName(spec.name)}`);
      const reply = await this.prompt([toPrompt(spec, fallback)] as Parameters<Generator['prompt']>[0]);
      (answers as Record<string, unknown>)[spec.name] = parseAnswer(spec.name, reply[spec.name]);
    }
    return answers;
  }

  /**
   * Without a terminal (the bin in CI, or a composing generator run with stdin not a terminal) a
   * question is an error that names its option. yeoman-test's adapter answers prompts itself.
   */
  protected assertCanPrompt(option: string): void {
    if (this.options.nonInteractive || !canPrompt(this.env.adapter)) {
      throw new AnswerError(`No answer for ${option} and no terminal to ask: pass ${option} <value>, or --defaults. Nothing was written.`);
    }
  }

  /** Stores the answers; an unchanged .yo-rc.json is left untouched (a re-run writes nothing). */
  protected saveAnswers(answers: Answers): void {
    const next = storable(answers) as Record<string, unknown>;
    const stored = this.config.getAll();
    // Answers that no longer apply (the cloud of a project now on Kubernetes) go: .yo-rc.json
    // holds this project's answers, as a fresh generation would store them.
    const stale = QUESTIONS.map((q) => q.name as string).filter((name) => name in stored && !(name in next));
    for (const name of stale) this.config.delete(name);
    if (Object.entries(next).some(([key, value]) => stored[key] !== value)) this.config.set(next);
  }

  /** The stored answers completed with defaults, for writing. */
  protected resolvedAnswers(): Answers {
    return withDefaults(this.answersFromConfig(), this.destinationRoot());
  }

  protected context(answers: Answers): ProjectContext {
    return buildContext(answers, generatorVersion(), this.storedDataset());
  }

  /**
   * The user's table (--data, or custom mode's answer): read once, its schema shown. Only a
   * Traditional ML project is typed from a table; a DataError stops the run before any write.
   */
  protected async readDataset(request: DataRequest, mlType: Answers['mlType']): Promise<DatasetSchema> {
    if (mlType !== 'traditional-ml') {
      throw new AnswerError(`--data types a Traditional ML project from your table; this one is ${mlType} (--ml-type traditional-ml). Nothing was written.`);
    }
    const schema = await loadDataset(request);
    this.log.writeln(`\nThe schema inferred from your table:\n${schemaPreview(schema)}\n`);
    return schema;
  }

  /** The schema of the user's table, kept in .yo-rc.json beside the answers (replaced whole). */
  protected saveDataset(schema: DatasetSchema): void {
    const storage = this.createStorage('.yo-rc.json', DATASET_KEY);
    if (JSON.stringify(storage.getAll()) !== JSON.stringify(schema)) {
      for (const key of Object.keys(storage.getAll())) storage.delete(key);
      storage.set({ ...schema });
    }
  }

  /** The stored schema, or undefined for a project on the sample data. */
  protected storedDataset(): DatasetSchema | undefined {
    const stored = this.createStorage('.yo-rc.json', DATASET_KEY).getAll();
    return Object.keys(stored).length > 0 ? (stored as unknown as DatasetSchema) : undefined;
  }

  /** Validation reports in order: the first, and the one after remediation (a). */
  reports: ValidationReport[] = [];

  protected remediationOption(): Remediation | undefined {
    const raw = this.rawOption('remediation');
    return raw === undefined ? undefined : parseChoice(REMEDIATIONS, raw, '--remediation');
  }

  protected runValidation(maturity?: string): ValidationReport {
    const report = validate(this.destinationRoot(), { maturity });
    this.reports.push(report);
    this.log.writeln(formatReport(report));
    return report;
  }

  /**
   * Validates the project and, below 90%, offers the seed's remediation: (a) re-run the primary
   * skill of each missing deliverable and validate again, (b) continue, (c) a gap report printed
   * and written into the project. Must run in the `validate` priority (after every skill's end).
   */
  protected async validateAndRemediate(maturity?: string): Promise<void> {
    const report = this.runValidation(maturity);
    if (report.status === 'success') return;
    this.log.writeln(formatRemediationOffer(report));
    const choice = this.remediationOption() ?? (this.flag('defaults') ? 'generate' : await this.askRemediation());
    if (choice === 'generate') {
      const skills = [...new Set(report.results.filter((r) => !r.fulfilled).map((r) => r.primarySkill))];
      this.log.info(`Re-running ${skills.join(', ')} to generate the missing components...`);
      const options = { force: this.flag('force'), skipInstall: true, defaults: this.flag('defaults'), nonInteractive: this.options.nonInteractive };
      for (const skill of skills) await this.composeWith<MlPipelineBase>(generatorEntry(skill), options);
      // Queued behind the re-run skills' writing, commit and end.
      this.queueTask({ method: () => { this.runValidation(maturity); }, taskName: 'revalidate', queueName: this.queueNameOf('validate') });
    } else if (choice === 'report') {
      const gap = formatGapReport(report);
      this.log.writeln(gap);
      // Straight to disk, not through mem-fs: only then do we know it landed before saying so.
      const failure = writeGapReport(this.destinationRoot(), gap);
      if (failure) this.log.error(`The gap report was not written to ${GAP_REPORT_PATH}: ${failure}. It is printed above.`);
      else this.log.info(`Gap report written to ${GAP_REPORT_PATH}`);
    }
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

  private queueNameOf(priority: string): string {
    const queues = (this as unknown as { _queues: Record<string, { queueName: string } | undefined> })._queues;
    const queue = queues[priority];
    if (!queue) throw new Error(`${priority} priority is not registered`);
    return queue.queueName;
  }

  /**
   * The first of our generators in an environment commits for all of them, atomically
   * (lib/atomic-commit.ts): temporary file and rename, `.yo-rc.json` first and last.
   */
  private commitAtomically(): void {
    type Env = {
      composedStore?: { findFeature(name: string): unknown[] };
      sharedFs: { pipeline(options: { filter: (file: MemFsEditorFile) => boolean }, ...transforms: unknown[]): Promise<void> };
      adapter: Parameters<typeof createConflicterTransform>[0];
      conflicterOptions?: Parameters<typeof createConflicterTransform>[1];
    };
    const env = this.env as unknown as Env;
    if ((env.composedStore?.findFeature('customCommitTask').length ?? 0) > 0) return;
    this.setFeatures({
      customCommitTask: () => env.sharedFs.pipeline(
        { filter: (file) => isFilePending(file) || file.path.endsWith('.yo-resolve') },
        createYoResolveTransform(), forceStateFiles(), createConflicterTransform(env.adapter, env.conflicterOptions), commitTransform(),
      ),
    });
  }

  /**
   * Writes each file unless that would lose a user's edit: the manifest in .yo-rc.json
   * remembers what this generator last wrote (and, with the atomic commit, only what landed).
   */
  protected writeFiles(files: readonly SelectedFile[], ctx: ProjectContext, generated: ReadonlyMap<string, Buffer> = new Map()): WriteSummary {
    const manifest = this.createStorage('.yo-rc.json', MANIFEST_KEY);
    const recorded = manifest.getAll() as Record<string, string>;
    const hashes: Record<string, string> = {};
    const force = this.flag('force');
    const summary: WriteSummary = { written: [], identical: [], kept: [] };
    for (const file of files) {
      const target = this.destinationPath(file.path);
      // `generated`: content made from the user's table (the test fixture), not from a template.
      const content = generated.get(file.path) ?? renderFile(file, ctx);
      const decision: WriteDecision = decideWrite(content, readIfExists(target), recorded[file.path], force);
      if (decision === 'keep') {
        summary.kept.push(file.path);
        continue;
      }
      hashes[file.path] = contentHash(content);
      if (decision === 'identical') {
        summary.identical.push(file.path);
        continue;
      }
      this.fs.write(target, content);
      if (decision !== 'create') {
        // Decided here with the manifest; Yeoman's conflicter must not ask again.
        const stored = this.fs.store.get(target) as { conflicter?: string };
        stored.conflicter = 'force';
      }
      summary.written.push(file.path);
    }
    // One write, and none when nothing changed: .yo-rc.json is forced on every write.
    if (Object.entries(hashes).some(([path, hash]) => recorded[path] !== hash)) manifest.set(hashes);
    if (summary.kept.length > 0) {
      this.log.info(`Kept ${summary.kept.length} file(s) you edited (pass --force to overwrite): ${summary.kept.join(', ')}`);
    }
    return summary;
  }

  /**
   * Removes the files we wrote earlier that these answers no longer select (a lower maturity,
   * another infrastructure). A file the user edited is never removed: it is listed and kept.
   */
  /** What the last removeUnselected() removed, and kept because the user edited it. */
  removal: { removed: string[]; kept: string[] } = { removed: [], kept: [] };

  protected removeUnselected(ctx: ProjectContext): { removed: string[]; kept: string[] } {
    const manifest = this.createStorage('.yo-rc.json', MANIFEST_KEY);
    const recorded = manifest.getAll() as Record<string, string>;
    const selected = new Set(projectFiles(ctx).map((f) => f.path));
    const out = { removed: [] as string[], kept: [] as string[] };
    for (const [path, hash] of Object.entries(recorded)) {
      if (selected.has(path)) continue;
      const disk = readIfExists(this.destinationPath(path));
      // Even --force never deletes a user's edit: only files exactly as we wrote them go.
      if (disk !== undefined && contentHash(disk) !== hash) {
        out.kept.push(path);
        continue;
      }
      if (disk !== undefined) {
        this.fs.delete(this.destinationPath(path));
        // Decided here with the manifest; Yeoman's conflicter must not ask again.
        (this.fs.store.get(this.destinationPath(path)) as { conflicter?: string }).conflicter = 'force';
      }
      manifest.delete(path);
      out.removed.push(path);
    }
    if (out.removed.length > 0) this.log.info(`Removed ${out.removed.length} file(s) these answers no longer use: ${out.removed.join(', ')}`);
    if (out.kept.length > 0) {
      this.log.info(
        `Kept ${out.kept.length} file(s) these answers no longer use, because you edited them (delete them yourself if you no longer need them): ${out.kept.join(', ')}`,
      );
    }
    this.removal = out;
    return out;
  }
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** One question object as `this.prompt` takes it. */
type PromptQuestion = Record<string, unknown> & { name: string };

function toPrompt(spec: QuestionSpec, fallback: unknown): PromptQuestion {
  const validate = (input: unknown): true | string => {
    try {
      parseAnswer(spec.name as AnswerName, input);
      return true;
    } catch (error) {
      return (error as Error).message;
    }
  };
  if (spec.kind === 'choice') {
    return {
      type: 'select',
      name: spec.name,
      message: spec.message,
      choices: (spec.choices ?? []).map((c) => ({ name: c.number ? `${c.number}. ${c.label}` : c.label, value: c.value })),
      default: fallback,
    };
  }
  if (spec.kind === 'boolean') {
    return { type: 'confirm', name: spec.name, message: spec.message, default: fallback };
  }
  return { type: 'input', name: spec.name, message: spec.message, default: String(fallback), validate };
}

export { GENERATOR_KEY };
