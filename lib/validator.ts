/**
 * The post-run validator (seed: Validation Process). Plain library code: the app generator, the
 * `validate` sub-generator and the bin all call `validate()`. It never throws on an odd tree:
 * binary, huge or unreadable files and a missing or broken .yo-rc.json become notes.
 */
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { MATURITY_PROFILE, MATURITIES, parseChoice, type Maturity, type MaturityProfile } from './answers.js';
import { maturityProfile, requiredDeliverables, allDeliverables, type Deliverable } from './deliverables.js';
import { GENERATOR_KEY } from './storage-keys.js';

/** Only the head of a file is searched: generated code is small, and a 10 GB parquet must not stall us. */
export const MAX_READ_BYTES = 2 * 1024 * 1024;
/** A folder check stops after this many files. */
export const MAX_FILES_PER_FOLDER = 20_000;
const BINARY_SNIFF_BYTES = 8000;

export type Status = 'success' | 'warning' | 'failure';

export interface CheckResult {
  pattern: string;
  in: string;
  passed: boolean;
  /** Why it failed, or which file matched. */
  detail: string;
}

export interface DeliverableResult {
  name: string;
  primarySkill: string;
  fulfilled: boolean;
  missingFiles: string[];
  checks: CheckResult[];
}

export interface ValidationReport {
  projectDir: string;
  maturity: Maturity;
  profile: MaturityProfile;
  maturitySource: 'option' | '.yo-rc.json' | 'default';
  results: DeliverableResult[];
  skipped: string[];
  fulfilled: number;
  required: number;
  completeness: number;
  status: Status;
  notes: string[];
}

export function statusFor(completeness: number): Status {
  if (completeness >= 90) return 'success';
  if (completeness >= 70) return 'warning';
  return 'failure';
}

export const EXIT_CODES: Record<Status, number> = { success: 0, warning: 1, failure: 2 };

type ReadOutcome = { text: string; truncated: boolean } | { skip: string };

/** Reads the head of a file as text; binary and unreadable files are reported, not thrown. */
function readHead(file: string): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = statSync(file).size;
    const length = Math.min(size, MAX_READ_BYTES);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, read);
      if (n === 0) break;
      read += n;
    }
    const head = buffer.subarray(0, read);
    if (head.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: 'binary file' };
    return { text: head.toString('utf8'), truncated: size > MAX_READ_BYTES };
  } catch (error) {
    return { skip: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function kindOf(path: string): 'file' | 'dir' | 'missing' | 'other' {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return 'file';
    if (stat.isDirectory()) return 'dir';
    return 'other';
  } catch {
    return 'missing';
  }
}

/** Files under a folder, depth first, never following symlinked folders (no loops). */
function* walk(dir: string, notes: string[], budget: { left: number }): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    notes.push(`could not list ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  for (const name of entries) {
    if (budget.left <= 0) return;
    const path = join(dir, name);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      yield* walk(path, notes, budget);
    } else if (stat.isFile() || (stat.isSymbolicLink() && kindOf(path) === 'file')) {
      budget.left -= 1;
      yield path;
    }
  }
}

function runCheck(root: string, check: Deliverable['contentChecks'][number], notes: string[]): CheckResult {
  const target = resolve(root, check.in);
  const base = { pattern: check.source, in: check.in };
  const kind = kindOf(target);
  if (kind === 'missing') return { ...base, passed: false, detail: `${check.in} does not exist` };
  if (kind === 'other') return { ...base, passed: false, detail: `${check.in} is not a file or folder` };
  const files = kind === 'file' ? [target] : [...walk(target, notes, { left: MAX_FILES_PER_FOLDER })];
  if (kind === 'dir' && files.length === 0) return { ...base, passed: false, detail: `${check.in} is empty` };
  const skipped: string[] = [];
  for (const file of files) {
    const outcome = readHead(file);
    const rel = relative(root, file).split(sep).join('/');
    if ('skip' in outcome) {
      skipped.push(`${rel}: ${outcome.skip}`);
      continue;
    }
    if (outcome.truncated) notes.push(`${rel} is larger than ${MAX_READ_BYTES} bytes; only its head was searched`);
    if (check.pattern.test(outcome.text)) return { ...base, passed: true, detail: `matched in ${rel}` };
  }
  if (kind === 'file' && skipped.length > 0) return { ...base, passed: false, detail: `${check.in} is ${skipped[0]?.split(': ')[1]}` };
  const where = kind === 'dir' ? `no file under ${check.in}` : check.in;
  return { ...base, passed: false, detail: `pattern /${check.source}/ not found in ${where}` };
}

export function checkDeliverable(root: string, deliverable: Deliverable, notes: string[] = []): DeliverableResult {
  const missingFiles = deliverable.requiredFiles.filter((f) => kindOf(resolve(root, f)) !== 'file');
  const checks = deliverable.contentChecks.map((c) => runCheck(root, c, notes));
  return {
    name: deliverable.name,
    primarySkill: deliverable.primarySkill,
    fulfilled: missingFiles.length === 0 && checks.every((c) => c.passed),
    missingFiles,
    checks,
  };
}

/** The maturity stored in a project's .yo-rc.json, or why there is none. */
export function storedMaturity(projectDir: string): { maturity?: Maturity; note?: string } {
  const file = join(projectDir, '.yo-rc.json');
  if (kindOf(file) !== 'file') return { note: 'no .yo-rc.json in the project' };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    const raw = data?.[GENERATOR_KEY]?.maturity;
    if (raw === undefined) return { note: `.yo-rc.json has no ${GENERATOR_KEY}.maturity` };
    return { maturity: parseChoice(MATURITIES, raw, 'maturity in .yo-rc.json') };
  } catch (error) {
    return { note: `.yo-rc.json could not be read: ${(error as Error).message}` };
  }
}

export interface ValidateOptions {
  /** A maturity answer (starter, production, advanced, their numbers, or the profile name intermediate). */
  maturity?: string;
}

export function validate(projectDir: string, options: ValidateOptions = {}): ValidationReport {
  const root = resolve(projectDir);
  const notes: string[] = [];
  if (kindOf(root) !== 'dir') throw new Error(`Cannot validate ${root}: it is not a folder`);

  let maturity: Maturity;
  let maturitySource: ValidationReport['maturitySource'];
  if (options.maturity !== undefined) {
    maturity = parseChoice(MATURITIES, options.maturity, '--maturity');
    maturitySource = 'option';
  } else {
    const stored = storedMaturity(root);
    if (stored.maturity) {
      maturity = stored.maturity;
      maturitySource = '.yo-rc.json';
    } else {
      maturity = 'production';
      maturitySource = 'default';
      notes.push(`${stored.note}; validating at the default maturity "production"`);
    }
  }
  const profile = MATURITY_PROFILE[maturity];
  const required = requiredDeliverables(profile);
  const results = required.map((d) => checkDeliverable(root, d, notes));
  const fulfilled = results.filter((r) => r.fulfilled).length;
  const completeness = required.length === 0 ? 100 : (fulfilled / required.length) * 100;
  const requiredNames = new Set(required.map((d) => d.name));
  notes.push(...emptyDirNotes(root, profile));
  return {
    projectDir: root,
    maturity,
    profile,
    maturitySource,
    results,
    skipped: allDeliverables().map((d) => d.name).filter((n) => !requiredNames.has(n)),
    fulfilled,
    required: required.length,
    completeness,
    status: statusFor(completeness),
    notes: [...new Set(notes)],
  };
}

/** Seed folders that are empty although the profile does not allow them to be. */
function emptyDirNotes(root: string, profile: MaturityProfile): string[] {
  const allowed = new Set(maturityProfile(profile).emptyDirsAllowed.map((d) => d.replace(/\/$/, '')));
  const seedDirs = ['data/raw', 'data/processed', 'data/features', 'models/trained', 'tests/unit', 'tests/integration',
    'tests/fixtures', 'infrastructure/kubernetes', 'monitoring/prometheus', 'monitoring/grafana/dashboards'];
  const notes: string[] = [];
  for (const dir of seedDirs) {
    const path = join(root, dir);
    if (kindOf(path) !== 'dir' || allowed.has(dir)) continue;
    try {
      if (readdirSync(path).length === 0) notes.push(`${dir}/ is empty, which the ${profile} profile does not expect`);
    } catch {
      notes.push(`${dir}/ could not be listed`);
    }
  }
  return notes;
}

/** One line per problem of a deliverable, in the seed's "Missing deliverables" style. */
export function problemsOf(result: DeliverableResult): string[] {
  // A check on a missing file (or on a folder that only lacks it) says nothing new.
  const coveredByMissing = (target: string): boolean =>
    result.missingFiles.some((f) => f === target || f.startsWith(target.endsWith('/') ? target : `${target}/`));
  return [
    ...result.missingFiles.map((f) => `${f} missing`),
    ...result.checks.filter((c) => !c.passed && !(c.detail.endsWith('does not exist') && coveredByMissing(c.in))).map((c) => c.detail),
  ];
}
