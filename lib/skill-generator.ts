/**
 * The base class of the seven skills. A skill reads the answers stored by the app (or asks for
 * the missing ones when run alone), writes its file table, then checks the deliverables it owns
 * against the expectations context of the chosen maturity.
 */
import { questionsOf, withDefaults, type Answers, type Skill } from './answers.js';
import { MlPipelineBase, type WriteSummary } from './base-generator.js';
import type { ProjectContext } from './context.js';
import { allDeliverables } from './deliverables.js';
import type { FileRow } from './file-table.js';
import { templatesOf } from './paths.js';
import { checkDeliverable, problemsOf, type DeliverableResult } from './validator.js';

export abstract class SkillGenerator extends MlPipelineBase {
  abstract readonly skill: Skill;
  abstract readonly files: readonly FileRow[];

  answers!: Answers;
  summary: WriteSummary = { written: [], identical: [], kept: [] };
  deliverableResults: DeliverableResult[] = [];
  private known: Partial<Answers> = {};

  /** Why this skill writes nothing for these answers, or undefined when it runs. */
  protected skipReason(_ctx: ProjectContext): string | undefined {
    return undefined;
  }

  initializing(): void {
    this.known = this.knownAnswers();
    if (!this.hasStoredProject()) this.checkTargetFolder();
  }

  async prompting(): Promise<void> {
    let known = this.known;
    if (!this.flag('defaults')) {
      known = await this.ask([...questionsOf('app'), ...questionsOf(this.skill)], known);
    }
    this.answers = withDefaults(known, this.destinationRoot());
    this.assertImplemented(this.answers);
  }

  configuring(): void {
    this.saveAnswers(this.answers);
  }

  writing(): void {
    const ctx = this.context(this.answers);
    const reason = this.skipReason(ctx);
    if (reason) {
      this.log.info(`[${this.skill}] skipped: ${reason}`);
      return;
    }
    this.summary = this.writeTable(this.files, templatesOf(this.skill), ctx);
  }

  /** Files are on disk by now (Yeoman commits before `end`): check what this skill promised. */
  end(): void {
    const ctx = this.context(this.answers);
    if (this.skipReason(ctx)) return;
    const required = new Set(ctx.expectations.required_deliverables);
    const mine = allDeliverables().filter((d) => d.primarySkill === this.skill && required.has(d.name));
    this.deliverableResults = mine.map((d) => checkDeliverable(this.destinationRoot(), d));
    for (const result of this.deliverableResults) {
      if (result.fulfilled) this.log.ok(`[${this.skill}] ${result.name}`);
      else this.log.error(`[${this.skill}] ${result.name}: ${problemsOf(result).join('; ')}`);
    }
  }
}
