import type { FileRow } from '../../lib/file-table.js';

export const files: readonly FileRow[] = [];
