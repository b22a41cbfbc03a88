/**
 * Column names as Python identifiers: the generated pydantic models, Feast fields and GX
 * expectations name each column by its field. A name that is already a valid, non-keyword,
 * snake_case identifier is kept; any other is mapped, and the mapping is recorded.
 */

/** Python's keywords and soft keywords, and names pydantic models must not shadow. */
const RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
  'model_config', 'model_fields', 'schema', 'json', 'dict', 'copy',
  // The request model's own method, and the fields of the API's responses beside the entity key.
  'features', 'prediction', 'label', 'probability', 'model_version', 'request_id',
]);

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** One name as a snake_case ASCII identifier ('' when nothing of it is left). */
export function snakeCase(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents: é -> e
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2') // camelCase -> camel_Case
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function isPythonField(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name) && !name.startsWith('__');
}

/**
 * Fields for every column, in order, unique. `column_<n>` (1-based position) stands for a name
 * with nothing usable in it (for example one written only in CJK characters).
 */
export function pythonFields(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name, index) => {
    let field = isPythonField(name) ? name : snakeCase(name);
    if (field === '') field = `column_${index + 1}`;
    if (/^[0-9]/.test(field)) field = `col_${field}`;
    if (RESERVED.has(field)) field = `${field}_`;
    let unique = field;
    for (let n = 2; taken.has(unique); n += 1) unique = `${field}_${n}`;
    taken.add(unique);
    return unique;
  });
}
