#!/usr/bin/env node
// The floor `npm run bench` compares with: a process that loads yeoman-environment and
// yeoman-generator, registers one generator that writes a single file, and runs it the way the
// bin runs ours (createEnv, register, run). Usage: node scripts/empty-generator-run.js <folder>
import { mkdirSync } from 'node:fs';
import { createEnv } from 'yeoman-environment';
import Generator from 'yeoman-generator';

class EmptyGenerator extends Generator {
  writing() {
    this.fs.write(this.destinationPath('README.md'), '# empty\n');
  }
}

const cwd = process.argv[2];
mkdirSync(cwd, { recursive: true });
const env = createEnv({ cwd, skipInstall: true });
env.watchForPackageManagerInstall = () => undefined;
env.registerStub(EmptyGenerator, 'empty:app');
await env.run(['empty:app'], { skipInstall: true });
