/**
 * The bin's exit codes, one table for every command. The validator's three follow the seed's
 * grades; the others follow BSD sysexits so that scripts can tell a typo from a broken disk.
 */
export const EXIT = {
  /** Generated, or validated at 90% or more. */
  ok: 0,
  /** Validation: 70-89% (some deliverables missing). */
  warning: 1,
  /** Validation: below 70%, or a critical deliverable missing. */
  failure: 2,
  /** Bad arguments: unknown option or command, bad value, missing answer, unusable target folder. */
  usage: 64,
  /** The table given with --data cannot be used (missing, not a table, bad data): nothing written. */
  data: 65,
  /** An unexpected error (a bug of ours): never confused with a validation grade. */
  internal: 70,
  /** Writing failed part-way (disk full, permission): the project is consistent but incomplete. */
  ioError: 74,
} as const;
