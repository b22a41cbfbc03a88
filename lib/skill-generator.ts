/**
 * The base class of the seven skills. A skill reads the answers stored by the app (or asks for
 * the missing ones when run alone), writes its file table, then checks the deliverables it owns
 * against the expectations context of the chosen maturity.
 */
import { assertRelevantGiven, optionName, questionsOf, storable, withDefaults, type Answers, type Skill } from './answers.js';
import { MlPipelineBase, type WriteSummary } from './base-generator.js';
import { allDeliverables } from './deliverables.js';
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

  writing(): void {
    const ctx = this.context(this.answers);
    const changed = this.changedAnswers();
    if (changed.length > 0) {
      // Other skills' files depend on these answers too (the port is in Compose, Prometheus and
      // the tests): the project follows its answers, whichever skill owns a file.
      this.log.info(`[${this.skill}] ${changed.join(', ')}: refreshing every file of the project that depends on it.`);
      this.summary = this.writeFiles(projectFiles(ctx), ctx);
      this.removeUnselected(ctx);
      return;
    }
    const reason = skillSkipReason(this.skill, ctx);
    if (reason) {
      this.log.info(`[${this.skill}] skipped: ${reason}`);
      return;
    }
    this.summary = this.writeFiles(skillFiles(this.skill, ctx), ctx);
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
