#!/usr/bin/env node
// The generators without `yo` (which refuses to run as root): see `ml-pipeline --help`.
import { main } from '../dist/lib/cli.js';

process.exitCode = await main(process.argv.slice(2));
