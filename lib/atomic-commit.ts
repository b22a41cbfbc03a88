/**
 * How the generated files reach the disk. Yeoman's own commit writes each file in place, so a
 * full disk or a permission error part-way leaves truncated files, and `.yo-rc.json` (with the
 * manifest of what we wrote) lands in store order, claiming files that never landed. Here:
 *
 * 1. `.yo-rc.json` is written first with the new answers but the OLD manifest, so that a run
 *    stopped part-way is still recognised as our project by the next run;
 * 2. every file is written to a temporary name beside it and renamed into place: a reader (or
 *    the next run) sees the previous file or the new one, never half of one;
 * 3. `.yo-rc.json` is written last with the new manifest, which so records only what landed.
 *
 * When a write fails, the manifest is rewritten from what is really on disk and the error says
 * how many files landed; the same command run again completes the project.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import type { MemFsEditorFile } from 'mem-fs-editor';
import { clearFileState, isFileNew, isFileStateDeleted, isFileStateModified, setCommittedFile } from 'mem-fs-editor/state';
import { contentHash } from './file-table.js';
import { MANIFEST_KEY } from './storage-keys.js';

/** The few disk operations a commit needs; tests inject failures through this. */
export interface Disk {
  writeFileSync(path: string, data: Buffer, options?: { mode?: number }): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean; recursive?: boolean }): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  readFileSync(path: string): Buffer;
  readdirSync(path: string): string[];
  rmdirSync(path: string): void;
}

/** The disk the generators commit to: tests swap in one that fails part-way. */
export const commitIo: { disk: Disk } = { disk: nodeFs };

export class ProjectWriteError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'ProjectWriteError';
  }
}

const YO_RC = '.yo-rc.json';
export const TEMP_SUFFIX = '.ml-pipeline-tmp';

type Manifest = Record<string, string>;

function readJson(disk: Disk, path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(disk.readFileSync(path).toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The project's .yo-rc.json with another manifest in place of the one it holds. */
function withManifest(content: Buffer, manifest: Manifest | undefined): Buffer {
  const data = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
  if (manifest === undefined) delete data[MANIFEST_KEY];
  else data[MANIFEST_KEY] = manifest;
  return Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
}

function manifestOf(data: Record<string, unknown> | undefined): Manifest | undefined {
  const value = data?.[MANIFEST_KEY];
  return value && typeof value === 'object' ? (value as Manifest) : undefined;
}

/** Writes one file so that its path holds the old content or the new one, never a part. */
export function writeAtomically(disk: Disk, path: string, content: Buffer, mode?: number): void {
  disk.mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}${TEMP_SUFFIX}`);
  inFlight.add(temp);
  try {
    disk.writeFileSync(temp, content, mode === undefined ? {} : { mode });
    disk.renameSync(temp, path);
  } catch (error) {
    disk.rmSync(temp, { force: true });
    throw error;
  } finally {
    inFlight.delete(temp);
  }
}

/** Temporary files being written now: removed if the process is interrupted. */
const inFlight = new Set<string>();

/**
 * The commit is synchronous, so a Ctrl-C that arrives during it is handled only after the
 * last file and the manifest have landed. The listener must still be there then (Node drops a
 * signal that came in while a listener was attached if the listener is gone when it is
 * dispatched), so it stays for the life of the process and, when called, removes temporary
 * files and stops the process as the signal asked.
 */
function onSignal(signal: NodeJS.Signals): void {
  for (const temp of inFlight) nodeFs.rmSync(temp, { force: true });
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.kill(process.pid, signal);
}

function attachSignals(): void {
  if (process.listeners('SIGINT').includes(onSignal)) return;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Removes the folders that a deletion left empty, up to (not including) the project root. */
function pruneEmptyFolders(disk: Disk, from: string, root: string): void {
  let dir = from;
  while (dir !== root && dir.startsWith(root + sep)) {
    try {
      if (disk.readdirSync(dir).length > 0) return;
      disk.rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

function describe(error: unknown): { code?: string; text: string } {
  const err = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
  };
  return { code: err.code, text: (err.code && reasons[err.code]) ?? err.message ?? String(error) };
}

/**
 * Commits a batch of mem-fs files. Exported for tests; generators use commitTransform().
 */
export function commitFiles(files: MemFsEditorFile[], disk: Disk = nodeFs): void {
  const yoRcFiles = files.filter((f) => basename(f.path) === YO_RC && isFileStateModified(f));
  const others = files.filter((f) => !yoRcFiles.includes(f));
  const roots = yoRcFiles.map((f) => ({ file: f, root: dirname(f.path), before: readJson(disk, f.path) }));
  const rootOf = (path: string) => roots.find((r) => path.startsWith(r.root + sep));

  attachSignals();
  let landed = 0;
  let current: string | undefined;
  try {
    // 1. Answers first, the manifest as it was: a stop from here on leaves a project we recognise.
    for (const { file, before } of roots) {
      if (!file.contents) continue;
      const prelude = withManifest(file.contents, manifestOf(before));
      if (!before || !prelude.equals(disk.readFileSync(file.path))) writeAtomically(disk, file.path, prelude, file.stat?.mode ?? undefined);
    }
    // 2. Every other file, each one atomically.
    for (const file of others) {
      current = file.path;
      if (isFileStateModified(file)) {
        if (!file.contents) throw new Error(`${file.path} cannot write an empty file`);
        setCommittedFile(file);
        writeAtomically(disk, file.path, file.contents, file.stat?.mode ?? undefined);
      } else if (isFileStateDeleted(file) && !isFileNew(file)) {
        setCommittedFile(file);
        disk.rmSync(file.path, { force: true, recursive: true });
        const root = rootOf(file.path)?.root;
        if (root) pruneEmptyFolders(disk, dirname(file.path), root);
      }
      clearFileState(file);
      landed += 1;
    }
  } catch (error) {
    // The manifest now records exactly what is on disk: a re-run updates the rest.
    for (const { file, root, before } of roots) {
      if (!file.contents) continue;
      try {
        writeAtomically(disk, file.path, withManifest(file.contents, landedManifest(disk, root, file.contents, before)), file.stat?.mode ?? undefined);
      } catch {
        // The disk refuses even that: the .yo-rc.json of step 1 (or the previous one) stands.
      }
    }
    const { code, text } = describe(error);
    const root = current ? rootOf(current)?.root : undefined;
    const where = current ? ` (writing ${root ? relative(root, current) : current})` : '';
    throw new ProjectWriteError(
      `Could not finish the project${where}: ${text}. ${landed} of ${others.length} file(s) were written, each one whole; ` +
        'nothing is half-written. Fix the cause and run the same command again to complete the project.',
      code,
    );
  }
  // 3. The new manifest, now that every file it names has landed.
  for (const { file } of roots) {
    setCommittedFile(file);
    if (file.contents) writeAtomically(disk, file.path, file.contents, file.stat?.mode ?? undefined);
    clearFileState(file);
  }
}

/** The manifest a stopped commit leaves: new hashes for files that landed, old ones otherwise. */
function landedManifest(disk: Disk, root: string, next: Buffer, before: Record<string, unknown> | undefined): Manifest {
  const wanted = manifestOf(JSON.parse(next.toString('utf8')) as Record<string, unknown>) ?? {};
  const old = manifestOf(before) ?? {};
  const out: Manifest = {};
  for (const path of new Set([...Object.keys(old), ...Object.keys(wanted)])) {
    let onDisk: string | undefined;
    try {
      onDisk = contentHash(disk.readFileSync(join(root, path)));
    } catch {
      onDisk = undefined;
    }
    if (onDisk !== undefined && onDisk === wanted[path]) out[path] = onDisk;
    else if (old[path] !== undefined && onDisk !== undefined) out[path] = old[path];
  }
  return out;
}

/**
 * Marks Yeoman's own state files to be written without asking. Yeoman's forceYoFiles() matches
 * them with a glob (any folder, then .yo-rc.json) that minimatch does not apply below a dot folder
 * (`~/.work/project`): the conflicter would then ask about .yo-rc.json, and fail with no terminal.
 */
export function forceStateFiles(): Transform {
  return new Transform({
    objectMode: true,
    transform(file: MemFsEditorFile & { conflicter?: string }, _encoding, callback) {
      if (['.yo-rc.json', '.yo-resolve', '.yo-rc-global.json'].includes(basename(file.path))) file.conflicter = 'force';
      callback(null, file);
    },
  });
}

/**
 * The last stage of the commit pipeline, in place of mem-fs-editor's: it gathers the files the
 * conflicter let through, then commits them together (commitFiles).
 */
export function commitTransform(disk: Disk = commitIo.disk): Transform {
  const files: MemFsEditorFile[] = [];
  return new Transform({
    objectMode: true,
    transform(file: MemFsEditorFile, _encoding, callback) {
      files.push(file);
      callback();
    },
    flush(callback) {
      try {
        commitFiles(files, disk);
        for (const file of files) this.push(file);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
