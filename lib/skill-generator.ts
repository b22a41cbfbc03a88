/**
 * The base class of the seven skills. A skill reads the answers stored by the app (or asks for
 * the missing ones when run alone), writes its file table, then checks the deliverables it owns
 * against the expectations context of the chosen maturity.
 */
import { assertRelevantGiven, optionName, questionsOf, storable, withDefaults, type Answers, type Skill } from './answers.js';
import { MlPipelineBase, type WriteSummary } from './base-generator.js';
import { allDeliverables } from './deliverables.js';
import { existsSync } from 'node:fs';
import type { ProjectContext } from './context.js';
import { DataError } from './data/data-error.js';
import { copyTable, FIXTURE_PATH, projectFixtureCsv } from './data/fixture.js';
import { scanTable } from './data/read-table.js';
import type { SelectedFile } from './file-table.js';
import { projectFiles, skillFiles, skillSkipReason } from './project-files.js';
import { checkDeliverables, problemsOf, type DeliverableResult } from './validator.js';

export abstract class SkillGenerator extends MlPipelineBase {
  abstract readonly skill: Skill;

  answers!: Answers;
  summary: WriteSummary = { written: [], identical: [], kept: [] };
  deliverableResults: DeliverableResult[] = [];
  private known: Partial<Answers> = {};
  /** The answers of the project before this run, when there is one. */
  private stored?: Answers;

  initializing(): void {
    this.known = this.knownAnswers();
    if (this.hasStoredProject()) this.stored = this.resolvedAnswers();
    else this.checkTargetFolder();
  }

  /**
   * Answers given now that differ from the project's, as `--api-port 7070 → 9100`. Composed by
   * the app, a skill sees the answers the app has just stored, so this is empty there.
   */
  private changedAnswers(): string[] {
    if (!this.stored) return [];
    const before = storable(this.stored) as Record<string, unknown>;
    const after = storable(this.answers) as Record<string, unknown>;
    return Object.keys({ ...before, ...after })
      .filter((name) => before[name] !== after[name])
      .map((name) => `--${optionName(name as keyof Answers)} ${String(before[name] ?? '(unset)')} → ${String(after[name] ?? '(unset)')}`);
  }

  async prompting(): Promise<void> {
    let known = this.known;
    if (!this.flag('defaults')) {
      known = await this.ask([...questionsOf('app'), ...questionsOf(this.skill)], known);
    }
    this.answers = withDefaults(known, this.destinationRoot());
    assertRelevantGiven(this.answersFromOptions(), this.answers);
  }

  configuring(): void {
    this.saveAnswers(this.answers);
  }

  async writing(): Promise<void> {
    const ctx = this.context(this.answers);
    const changed = this.changedAnswers();
    const refresh = this.refreshesProject();
    if (refresh) changed.push(refresh);
    if (changed.length > 0) {
      // Other skills' files depend on these answers too (the port is in Compose, Prometheus and
      // the tests): the project follows its answers, whichever skill owns a file.
      this.log.info(`[${this.skill}] ${changed.join(', ')}: refreshing every file of the project that depends on it.`);
      const files = projectFiles(ctx);
      this.summary = this.writeFiles(files, ctx, await this.fromUserTable(files, ctx));
      this.removeUnselected(ctx);
      return;
    }
    const reason = skillSkipReason(this.skill, ctx);
    if (reason) {
      this.log.info(`[${this.skill}] skipped: ${reason}`);
      return;
    }
    const files = skillFiles(this.skill, ctx);
    this.summary = this.writeFiles(files, ctx, await this.fromUserTable(files, ctx));
  }

  /** Why this run must refresh every file of the project (ai-data: a new table), if it must. */
  protected refreshesProject(): string | undefined {
    return undefined;
  }

  /**
   * A user-table project's files that come from the table itself: the copy under data/raw and the
   * test fixture, made when this run writes the fixture (the table is read once more for it).
   */
  private async fromUserTable(files: readonly SelectedFile[], ctx: ProjectContext): Promise<Map<string, Buffer>> {
    const generated = new Map<string, Buffer>();
    const schema = ctx.dataset;
    if (!schema || !files.some((file) => file.path === FIXTURE_PATH)) return generated;
    const copy = this.destinationPath(ctx.table.rawFile);
    // The user's file, or the project's copy of it when the file has moved since.
    const source = existsSync(schema.source.file) ? schema.source.file : copy;
    if (!existsSync(source)) {
      throw new DataError('missing', `${schema.source.file} is gone and the project has no copy at ${ctx.table.rawFile}: pass --data <file> again. Nothing was written.`);
    }
    if (source !== copy) {
      const outcome = await copyTable(source, copy, this.flag('force'));
      if (outcome === 'kept') this.log.info(`Kept ${ctx.table.rawFile}: it differs from ${source} (pass --force to replace it).`);
      else if (outcome !== 'identical') this.log.info(`[${this.skill}] ${outcome} ${source} to ${ctx.table.rawFile}`);
    }
    generated.set(FIXTURE_PATH, Buffer.from(await projectFixtureCsv(() => scanTable(source), schema), 'utf8'));
    return generated;
  }

  /** Files are on disk by now (Yeoman commits before `end`): check what this skill promised. */
  end(): void {
    const ctx = this.context(this.answers);
    if (skillSkipReason(this.skill, ctx)) return;
    const required = new Set(ctx.expectations.required_deliverables);
    const mine = allDeliverables().filter((d) => d.primarySkill === this.skill && required.has(d.name));
    this.deliverableResults = checkDeliverables(this.destinationRoot(), mine);
    for (const result of this.deliverableResults) {
      if (result.fulfilled) this.log.ok(`[${this.skill}] ${result.name}`);
      else this.log.error(`[${this.skill}] ${result.name}: ${problemsOf(result).join('; ')}`);
    }
  }
}
