/**
 * The seed's Deliverables Specification and Maturity Profiles, loaded from lib/spec/*.yaml,
 * and the decisions made from them: which deliverables a maturity requires or skips.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Node } from 'yaml';
import { MATURITY_PROFILE, ML_TYPES, SEED_SKILL_NAMES, SKILLS, type Maturity, type MaturityProfile, type MlType, type Skill } from './answers.js';
import { packagePath } from './paths.js';

export interface ContentCheck {
  /** The regex as the seed means it. */
  pattern: RegExp;
  /** The pattern text as written in the spec. */
  source: string;
  /** A project-relative file, or a folder (then any file under it may match). */
  in: string;
}

export interface Deliverable {
  name: string;
  primarySkill: Skill;
  requiredFiles: string[];
  contentChecks: ContentCheck[];
  maturityRequired: MaturityProfile[];
  /** Without it the project is not "ready to use": missing it fails validation at any score. */
  critical: boolean;
  /** Top-level names a required Python file must define (functions, classes, assignments, imports). */
  defines: Record<string, string[]>;
  /** The ML types it applies to (our addition `ml_types`); undefined: every type. */
  mlTypes?: MlType[];
}

export interface MaturityProfileSpec {
  name: MaturityProfile;
  description: string;
  requireAdditionally: string[];
  skipDeliverables: string[];
  emptyDirsAllowed: string[];
  generationAdjustments: string[];
}

export interface ExpectationsContext {
  blueprint: 'ml-pipeline';
  maturity: MaturityProfile;
  required_deliverables: string[];
  skipped_deliverables: string[];
}

const SKILL_BY_SEED_NAME = new Map<string, Skill>(SKILLS.map((s) => [SEED_SKILL_NAMES[s], s]));

/**
 * The seed writes some patterns in single-quoted YAML with doubled backslashes
 * ('"type":\\s*"graph"'). Single quotes keep both backslashes, but the author meant the regex
 * `\s`: read such scalars as if they had been double-quoted.
 */
function patternText(node: Scalar): string {
  const text = String(node.value);
  return node.type === Scalar.QUOTE_SINGLE ? text.replace(/\\\\/g, '\\') : text;
}

function strings(node: unknown): string[] {
  return isSeq(node) ? node.items.map((item) => String(isScalar(item) ? item.value : item)) : [];
}

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

function loadDocument(file: string): Node {
  const doc = parseDocument(readFileSync(file, 'utf8'), { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
  if (!doc.contents) throw new Error(`${file} is empty`);
  return doc.contents;
}

function parseDeliverables(root: Node): Deliverable[] {
  const map = get(root, 'deliverables');
  if (!isMap(map)) throw new Error('deliverables.yaml: no "deliverables" map');
  return map.items.map((pair) => {
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const body = pair.value;
    const seedSkill = String((get(body, 'primary_skill') as Scalar | undefined)?.value);
    const primarySkill = SKILL_BY_SEED_NAME.get(seedSkill);
    if (!primarySkill) throw new Error(`deliverables.yaml: "${name}" has unknown primary_skill ${seedSkill}`);
    const checks = get(body, 'content_checks');
    const contentChecks = isSeq(checks)
      ? checks.items.map((item) => {
          const patternNode = get(item, 'pattern');
          if (!isScalar(patternNode)) throw new Error(`deliverables.yaml: "${name}" has a check without pattern`);
          const source = patternText(patternNode);
          return { pattern: new RegExp(source), source, in: String((get(item, 'in') as Scalar).value) };
        })
      : [];
    const requiredFiles = strings(get(body, 'required_files'));
    const critical = (get(body, 'critical') as Scalar | undefined)?.value ?? false;
    if (typeof critical !== 'boolean') throw new Error(`deliverables.yaml: "${name}" has a critical that is not true or false`);
    return {
      name,
      primarySkill,
      requiredFiles,
      contentChecks,
      maturityRequired: strings(get(body, 'maturity_required')) as MaturityProfile[],
      critical,
      defines: parseDefines(name, get(body, 'defines'), requiredFiles),
      ...parseMlTypes(name, get(body, 'ml_types')),
    };
  });
}

function parseMlTypes(name: string, node: unknown): { mlTypes?: MlType[] } {
  if (node === undefined) return {};
  const known = ML_TYPES.map((t) => t.value as string);
  const types = strings(node);
  const unknown = types.find((t) => !known.includes(t));
  if (types.length === 0 || unknown !== undefined) {
    throw new Error(`deliverables.yaml: "${name}" has ml_types ${unknown ?? '[]'}; expected some of ${known.join(', ')}`);
  }
  return { mlTypes: types as MlType[] };
}

/** `defines: { file: [name, ...] }`; each file must be a required Python file, so it is always checked. */
function parseDefines(name: string, node: unknown, requiredFiles: string[]): Record<string, string[]> {
  if (node === undefined) return {};
  if (!isMap(node)) throw new Error(`deliverables.yaml: "${name}" has a defines that is not a map`);
  const defines: Record<string, string[]> = {};
  for (const pair of node.items) {
    const file = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!file.endsWith('.py') || !requiredFiles.includes(file)) {
      throw new Error(`deliverables.yaml: "${name}" defines names in ${file}, which is not one of its required .py files`);
    }
    defines[file] = strings(pair.value);
  }
  return defines;
}

function parseProfiles(root: Node): MaturityProfileSpec[] {
  const map = get(root, 'maturity_profiles');
  if (!isMap(map)) throw new Error('maturity-profiles.yaml: no "maturity_profiles" map');
  return map.items.map((pair) => {
    const body = pair.value;
    return {
      name: String(isScalar(pair.key) ? pair.key.value : pair.key) as MaturityProfile,
      description: String((get(body, 'description') as Scalar | undefined)?.value ?? ''),
      requireAdditionally: strings(get(body, 'require_additionally')),
      skipDeliverables: strings(get(body, 'skip_deliverables')),
      emptyDirsAllowed: strings(get(body, 'empty_dirs_allowed')),
      generationAdjustments: strings(get(body, 'generation_adjustments')),
    };
  });
}

let cache: { deliverables: Deliverable[]; profiles: MaturityProfileSpec[] } | undefined;

function spec(): { deliverables: Deliverable[]; profiles: MaturityProfileSpec[] } {
  cache ??= {
    deliverables: parseDeliverables(loadDocument(packagePath('lib', 'spec', 'deliverables.yaml'))),
    profiles: parseProfiles(loadDocument(packagePath('lib', 'spec', 'maturity-profiles.yaml'))),
  };
  return cache;
}

export function allDeliverables(): Deliverable[] {
  return spec().deliverables;
}

export function maturityProfile(profile: MaturityProfile): MaturityProfileSpec {
  const found = spec().profiles.find((p) => p.name === profile);
  if (!found) throw new Error(`No maturity profile "${profile}" in maturity-profiles.yaml`);
  return found;
}

/**
 * Required at a profile: every deliverable whose maturity_required names it, plus the
 * profile's require_additionally, minus its skip_deliverables.
 */
export function requiredDeliverables(profile: MaturityProfile, mlType: MlType = 'traditional-ml'): Deliverable[] {
  const p = maturityProfile(profile);
  return allDeliverables().filter(
    (d) => (d.maturityRequired.includes(profile) || p.requireAdditionally.includes(d.name)) && !p.skipDeliverables.includes(d.name)
      && (d.mlTypes === undefined || d.mlTypes.includes(mlType)),
  );
}

export function expectationsFor(maturity: Maturity, mlType: MlType = 'traditional-ml'): ExpectationsContext {
  const profile = MATURITY_PROFILE[maturity];
  const required = requiredDeliverables(profile, mlType).map((d) => d.name);
  return {
    blueprint: 'ml-pipeline',
    maturity: profile,
    required_deliverables: required,
    skipped_deliverables: allDeliverables().map((d) => d.name).filter((n) => !required.includes(n)),
  };
}

export function deliverablesOfSkill(skill: Skill, profile: MaturityProfile, mlType: MlType = 'traditional-ml'): Deliverable[] {
  return requiredDeliverables(profile, mlType).filter((d) => d.primarySkill === skill);
}
