#!/usr/bin/env node
// `npm run build`: compiles src/ (and the fixture panel it serves) to dist/ with tsc (tsconfig.build.json), copies
// the files read at run time that tsc does not emit (the value sets, the PGlite worker, the sandbox trust file) and
// writes dist/main.js, the entry `npm start` runs. Plain JavaScript, so that it runs before anything is compiled.
// `--if-stale` (used by `prestart`) does nothing when dist/ is newer than every source, so a start stays fast.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const SOURCES = ['src', 'fhir-fixtures', 'config', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => existsSync(join(ROOT, source)) && newestMtime(join(ROOT, source)) > built);
}

/** Copies the files under `from` whose name ends with one of `endings`, keeping their relative paths. */
function copyFiles(from, endings) {
  cpSync(join(ROOT, from), join(DIST, from), {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() || endings.some((e) => source.endsWith(e)),
  });
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const started = Date.now();
const tsc = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) {
  process.stderr.write('build failed: tsc reported errors (above)\n');
  process.exit(1);
}
copyFiles('src', ['.json', '.mjs']);
copyFiles('config', ['.json']);
writeFileSync(
  join(DIST, 'main.js'),
  "// Written by scripts/build.mjs: the service's entry point (src/main.ts, compiled).\nimport './src/main.js';\n",
);
writeFileSync(STAMP, new Date().toISOString());
process.stderr.write(`built ${relative(ROOT, DIST)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
