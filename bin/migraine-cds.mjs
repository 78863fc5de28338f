#!/usr/bin/env node
// Command-line entry: runs the compiled build (dist/, `npm run build`) when it is there, else the TypeScript sources
// through tsx (a dev dependency, present in a development checkout).
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli/main.js', import.meta.url);
let cli;
if (existsSync(built)) {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
