#!/usr/bin/env node
// dist/ is built by `npm install` in a clone (the "prepare" script) and ships built in the
// tarball `npm pack` makes (docs/packaging.md).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
