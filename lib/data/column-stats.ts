/**
 * What one pass over a column learns, in bounded memory: counts by kind of value, the numeric
 * and date ranges, up to DISTINCT_CAP distinct values with their counts, and examples of values
 * that do not fit. Every row of the file goes through it (a large file's rows are sampled only
 * for the checks that compare columns row by row).
 */

/** Cells pandas reads as missing by default (read_csv's na_values): the project reads the file with pandas. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA',
  'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
]);

/** Distinct values kept per column; beyond it the column is high-cardinality and only counted. */
export const DISTINCT_CAP = 1000;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const LEADING_ZERO = /^0\d/; // 02139: a code (zip, account), not a number
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Boolean words, lower-cased, and the truth each stands for. */
export const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true], ['false', false], ['yes', true], ['no', false], ['y', true], ['n', false], ['t', true], ['f', false],
]);

export interface ColumnStats {
  name: string;
  /** Non-missing cells. */
  present: number;
  missing: number;
  numeric: number;
  integer: number;
  /** Integers written with a leading zero (02139). */
  leadingZero: number;
  booleanWord: number;
  datetime: number;
  min: number;
  max: number;
  /** ISO text of the earliest and latest dates (string order is time order for ISO 8601). */
  dateMin: string;
  dateMax: string;
  /** Dates with a time of day other than midnight, a day other than the 1st, a month other than January: what varies. */
  dateWithTime: number;
  dateNotFirstDay: number;
  dateNotJanuary: number;
  distinct: Map<string, number>;
  /** More than DISTINCT_CAP distinct values were seen. */
  overflow: boolean;
  lengthSum: number;
  /** Values with a space in them (free text has many). */
  withSpace: number;
  /** A few values that are not numbers, for the message about a mixed column. */
  notNumbers: string[];
}

export function newColumnStats(name: string): ColumnStats {
  return {
    name, present: 0, missing: 0, numeric: 0, integer: 0, leadingZero: 0, booleanWord: 0, datetime: 0,
    min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, dateMin: '', dateMax: '', dateWithTime: 0, dateNotFirstDay: 0, dateNotJanuary: 0,
    distinct: new Map(), overflow: false, lengthSum: 0, withSpace: 0, notNumbers: [],
  };
}

export function isMissing(value: string | null): value is null {
  return value === null || MISSING_TOKENS.has(value.trim());
}

const MIDNIGHT = /^00:00(:00(\.0+)?)?$/;

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO date-time that is not midnight UTC: a time other than midnight, or an offset from UTC
 * (the project reads dates in UTC, where local midnight is another hour).
 */
export function hasTimeOfDay(isoValue: string): boolean {
  const offset = OFFSET.exec(isoValue.slice(10))?.[0] ?? 'Z';
  const time = isoValue.slice(11).replace(OFFSET, '');
  return (time !== '' && !MIDNIGHT.test(time)) || !/^(Z|[+-]00:?00)$/.test(offset);
}

/** Adds one cell (null or a missing token is a missing value). */
export function addValue(stats: ColumnStats, raw: string | null): void {
  if (isMissing(raw)) {
    stats.missing += 1;
    return;
  }
  const value = raw.trim();
  stats.present += 1;
  stats.lengthSum += value.length;
  if (value.includes(' ')) stats.withSpace += 1;
  if (NUMBER.test(value)) {
    stats.numeric += 1;
    const number = Number(value);
    if (number < stats.min) stats.min = number;
    if (number > stats.max) stats.max = number;
    if (INTEGER.test(value)) {
      stats.integer += 1;
      if (LEADING_ZERO.test(value.replace(/^[+-]/, ''))) stats.leadingZero += 1;
    }
  } else if (stats.notNumbers.length < 3 && !stats.notNumbers.includes(value)) {
    stats.notNumbers.push(value);
  }
  if (BOOLEAN_WORDS.has(value.toLowerCase())) stats.booleanWord += 1;
  if (ISO_DATETIME.test(value) && Number.isFinite(Date.parse(value))) {
    stats.datetime += 1;
    if (stats.dateMin === '' || value < stats.dateMin) stats.dateMin = value;
    if (value > stats.dateMax) stats.dateMax = value;
    if (hasTimeOfDay(value)) stats.dateWithTime += 1;
    if (value.slice(8, 10) !== '01') stats.dateNotFirstDay += 1;
    if (value.slice(5, 7) !== '01') stats.dateNotJanuary += 1;
  }
  const seen = stats.distinct.get(value);
  if (seen !== undefined) stats.distinct.set(value, seen + 1);
  else if (stats.distinct.size < DISTINCT_CAP) stats.distinct.set(value, 1);
  else stats.overflow = true;
}
