/**
 * The whole project as a function of the answers: every skill's file table, in the seed's
 * order. A skill run alone with a changed answer, and the app, use it to refresh every file
 * that depends on the answers (whichever skill owns it) and to find the files that the answers
 * no longer select.
 */
import { files as aiData } from '../generators/ai-data/files.js';
import { files as assembling } from '../generators/assembling/files.js';
import { files as experiments } from '../generators/experiments/files.js';
import { files as mlops } from '../generators/mlops/files.js';
import { files as observability } from '../generators/observability/files.js';
import { files as serving } from '../generators/serving/files.js';
import { files as vectorDb } from '../generators/vector-db/files.js';
import { SKILLS, type Skill } from './answers.js';
import { vectorDbDecision, type ProjectContext } from './context.js';
import { selectFiles, type FileRow, type SelectedFile } from './file-table.js';
import { templatesOf } from './paths.js';

export const SKILL_FILES: Readonly<Record<Skill, readonly FileRow[]>> = {
  mlops, 'ai-data': aiData, experiments, serving, 'vector-db': vectorDb, observability, assembling,
};

/** Why a skill writes nothing for this project, or undefined when it runs. */
export function skillSkipReason(skill: Skill, ctx: ProjectContext): string | undefined {
  if (skill !== 'vector-db') return undefined;
  const decision = vectorDbDecision(ctx.mlType);
  return decision.enabled ? undefined : decision.reason;
}

/** The files one skill writes for these answers (none when it is skipped). */
export function skillFiles(skill: Skill, ctx: ProjectContext): SelectedFile[] {
  return skillSkipReason(skill, ctx) ? [] : selectFiles(SKILL_FILES[skill], ctx, templatesOf(skill));
}

/** Every file the project has for these answers. */
export function projectFiles(ctx: ProjectContext): SelectedFile[] {
  return SKILLS.flatMap((skill) => skillFiles(skill, ctx));
}
