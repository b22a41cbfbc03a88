/**
 * What is wrong with the user's table, said before anything is written (exit 65, EX_DATAERR).
 * `kind` lets tests and callers tell the cases apart without parsing the message.
 */
export type DataProblem =
  | 'missing' | 'not-a-table' | 'encoding' | 'no-target' | 'constant-target' | 'too-few-rows' | 'empty-column'
  | 'label-leak' | 'mixed-types' | 'no-features' | 'bad-option' | 'unsupported-task';

export class DataError extends Error {
  constructor(readonly kind: DataProblem, message: string) {
    super(message);
    this.name = 'DataError';
  }
}
