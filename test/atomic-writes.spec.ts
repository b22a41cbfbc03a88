/**
 * A write stopped part-way (disk full, permission denied, Ctrl-C) leaves every file whole, the
 * manifest names only what landed, and the same command run again completes the project.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { commitIo, TEMP_SUFFIX, type Disk } from '../lib/atomic-commit.js';
import { main } from '../lib/cli.js';
import { contentHash } from '../lib/file-table.js';
import { PACKAGE_ROOT } from '../lib/paths.js';
import { MANIFEST_KEY } from '../lib/storage-keys.js';
import { validate } from '../lib/validator.js';
import { assertSameProject, cleanupFolders, freshFolder, readTree, runIn } from './helpers/project.js';

const PROJECT = { projectName: 'churn-model', defaults: true };
const quiet = { out: () => undefined, err: () => undefined, interactive: false };

async function bin(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(argv, { ...quiet, err: (t) => { err += `${t}\n`; } });
  return { code, err };
}

/** A reference project, generated in one go with the same answers and folder name. */
async function reference(name: string, options: Record<string, unknown>): Promise<Map<string, Buffer>> {
  const dir = join(freshFolder(), name);
  fs.mkdirSync(dir);
  await runIn(dir, 'app', { ...PROJECT, ...options });
  return readTree(dir);
}

function manifestOf(dir: string): Record<string, string> {
  const data = JSON.parse(fs.readFileSync(join(dir, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, string>>;
  return data[MANIFEST_KEY] ?? {};
}

/** Every file is the old version or the new one; the manifest only vouches for what is on disk. */
function assertWholeAndHonest(dir: string, before: Map<string, Buffer>, after: Map<string, Buffer>): void {
  const tree = readTree(dir);
  for (const [path, content] of tree) {
    assert.ok(!path.endsWith(TEMP_SUFFIX), `temporary file left behind: ${path}`);
    if (path === '.yo-rc.json') continue;
    const whole = content.equals(before.get(path) ?? Buffer.from('\0missing')) || content.equals(after.get(path) ?? Buffer.from('\0missing'));
    assert.ok(whole, `${path} is neither the previous file nor the new one`);
  }
  for (const [path, hash] of Object.entries(manifestOf(dir))) {
    const disk = tree.get(path);
    assert.ok(disk, `the manifest names ${path}, which is not on disk`);
    assert.equal(contentHash(disk), hash, `the manifest's hash of ${path} is not what is on disk`);
  }
}

/** Fails the n-th file write (temporary files included) with the given errno. */
function failingDisk(n: number, code: string): Disk & { writes: number } {
  const disk = {
    ...fs,
    writes: 0,
    writeFileSync(path: string, data: Buffer, options?: { mode?: number }) {
      disk.writes += 1;
      if (disk.writes === n) {
        fs.writeFileSync(path, data.subarray(0, Math.floor(data.length / 2)));
        throw Object.assign(new Error(`${code}: simulated`), { code, path });
      }
      fs.writeFileSync(path, data, options);
    },
  };
  return disk as unknown as Disk & { writes: number };
}

describe('atomic writes', function () {
  this.timeout(120_000);
  afterEach(() => {
    commitIo.disk = fs;
    cleanupFolders();
  });

  it('EACCES part-way through an update: whole files, an honest manifest, and a re-run completes it', async () => {
    const dir = join(freshFolder(), 'churn-model');
    fs.mkdirSync(dir);
    await runIn(dir, 'app', PROJECT);
    const before = readTree(dir);
    const after = await reference('churn-model', { maturity: 'advanced', apiPort: 9100 });

    commitIo.disk = failingDisk(8, 'EACCES');
    await assert.rejects(runIn(dir, 'app', { maturity: 'advanced', apiPort: 9100 }),
      /Could not finish the project \(writing [^)]+\): permission denied\. \d+ of \d+ file\(s\) were written, each one whole/);
    assertWholeAndHonest(dir, before, after);
    assert.ok([...readTree(dir)].some(([path, c]) => path !== '.yo-rc.json' && !c.equals(before.get(path) ?? Buffer.alloc(0))),
      'some files were updated before the failure');

    commitIo.disk = fs;
    const rerun = await runIn(dir, 'app', {});
    assert.deepEqual(rerun.askedQuestions, []);
    assertSameProject(dir, after);
  });

  it('a disk full on the first run (a 64 KB tmpfs): exit 74, whole files, and the re-run completes the project', async function () {
    if (process.getuid?.() !== 0) this.skip(); // mounting a tmpfs needs root (CI runs as root)
    const mount = join(freshFolder(), 'small-disk');
    fs.mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
    assert.equal(mounted.status, 0, `mount failed: ${String(mounted.stderr)}`);
    try {
      const target = join(mount, 'churn-model');
      const full = await bin(['--defaults', '--skip-install', '--skip-validation', '-o', target]);
      assert.equal(full.code, 74, full.err);
      assert.match(full.err, /no space left on the device\. \d+ of \d+ file\(s\) were written, each one whole; nothing is half-written/);
      const after = await reference('churn-model', {});
      assertWholeAndHonest(target, new Map(), after);
      assert.ok(readTree(target).size < after.size, 'the disk filled before the end');

      assert.equal(spawnSync('mount', ['-o', 'remount,size=64m', mount]).status, 0);
      const again = await bin(['--defaults', '--skip-install', '-o', target]);
      assert.equal(again.code, 0, again.err);
      assert.doesNotMatch(again.err, /Kept/);
      assertSameProject(target, after);
      assert.equal(validate(target).completeness, 100);
    } finally {
      spawnSync('umount', [mount]);
    }
  });

  it('Ctrl-C during generation: whole files, and the re-run completes the project', async () => {
    const target = join(freshFolder(), 'churn-model');
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/ml-pipeline.js'), '--defaults', '--skip-install', '-o', target], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // Interrupt as soon as the first file lands: the commit is under way.
    while (!fs.existsSync(join(target, '.yo-rc.json'))) await new Promise((r) => setImmediate(r));
    child.kill('SIGINT');
    assert.equal(await exited, 'SIGINT');
    const after = await reference('churn-model', {});
    assertWholeAndHonest(target, new Map(), after);

    const again = await bin(['--defaults', '--skip-install', '-o', target]);
    assert.equal(again.code, 0, again.err);
    assertSameProject(target, after);
  });
});
