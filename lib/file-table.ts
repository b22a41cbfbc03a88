/**
 * A skill declares its files as a table; this module selects the rows for a context, finds each
 * row's template (per-ML-type variant first, then the shared one), renders it, and decides how
 * to write it without ever losing a user's edit.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import type { ProjectContext } from './context.js';

export interface FileRow {
  /** Where the file lands, relative to the project root. */
  path: string;
  /** Template path (without .ejs) when it differs from `path`: variants, renamed dotfiles. */
  template?: string;
  /** Written only when this holds; rows without it are always written. */
  when?: (ctx: ProjectContext) => boolean;
}

/** File-table condition: the project is of one of these ML types (a type's own module or test). */
export function forTypes(...types: ProjectContext['mlType'][]) {
  return (ctx: ProjectContext): boolean => types.includes(ctx.mlType);
}

/** File-table condition: the project is of none of these ML types (a concern they do not have). */
export function exceptTypes(...types: ProjectContext['mlType'][]) {
  return (ctx: ProjectContext): boolean => !types.includes(ctx.mlType);
}

/** Both conditions hold (a per-type row that also depends on a feature). */
export function both(a: (ctx: ProjectContext) => boolean, b: (ctx: ProjectContext) => boolean) {
  return (ctx: ProjectContext): boolean => a(ctx) && b(ctx);
}

export interface SelectedFile {
  path: string;
  source: string;
  /** Rendered with EJS (`.ejs` templates) or copied byte for byte (data files). */
  render: boolean;
}

/**
 * Per-ML-type variants sit beside the shared templates: `templates/<ml-type>/<path>` wins over
 * `templates/shared/<path>`. Adding an ML type is adding templates, not control flow.
 */
export function resolveTemplate(templatesDir: string, template: string, mlType: string): { source: string; render: boolean } {
  for (const folder of [mlType, 'shared']) {
    const rendered = join(templatesDir, folder, `${template}.ejs`);
    if (existsSync(rendered)) return { source: rendered, render: true };
    const raw = join(templatesDir, folder, template);
    if (existsSync(raw)) return { source: raw, render: false };
  }
  throw new Error(`No template for ${template} (ML type ${mlType}) under ${templatesDir}`);
}

export function selectFiles(rows: readonly FileRow[], ctx: ProjectContext, templatesDir: string): SelectedFile[] {
  const selected = rows.filter((row) => row.when?.(ctx) ?? true);
  return selected.map((row) => ({ path: row.path, ...resolveTemplate(templatesDir, row.template ?? row.path, ctx.mlType) }));
}

export function renderFile(file: SelectedFile, ctx: ProjectContext): Buffer {
  const content = readFileSync(file.source);
  if (!file.render) return content;
  // Templates read answers and flags by name (`packageName`, `features.featureStore`); `ctx` is
  // the whole context, for passing on to included partials.
  return Buffer.from(ejs.render(content.toString('utf8'), { ...ctx, ctx, indent, py }, { filename: file.source, strict: false }), 'utf8');
}

/** A value as a Python literal (True/False/None, numbers, quoted strings). */
export function py(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // ruff format's choice: double quotes, unless the text holds more double quotes than single.
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  if (doubles > singles) return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  return JSON.stringify(text);
}

/** Indents every non-blank line: embeds one rendered file inside another (YAML block scalars). */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.replace(/^(.*)$/gm, (line) => (line.trim() ? pad + line : ''));
}

export function contentHash(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/**
 * - create:    the file is not there.
 * - identical: the file already holds exactly this content (a re-run writes nothing).
 * - update:    the file is as this generator last wrote it; the answers changed, so refresh it.
 * - force:     the user edited it, and --force says overwrite anyway.
 * - keep:      the user edited it (or it was never ours): keep it, and say so.
 */
export type WriteDecision = 'create' | 'identical' | 'update' | 'force' | 'keep';

export function decideWrite(next: Buffer, disk: Buffer | undefined, recordedHash: string | undefined, force: boolean): WriteDecision {
  if (disk === undefined) return 'create';
  if (disk.equals(next)) return 'identical';
  if (recordedHash !== undefined && contentHash(disk) === recordedHash) return 'update';
  return force ? 'force' : 'keep';
}
