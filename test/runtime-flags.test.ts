import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../src/runtime-flags.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('runtime flags', () => {
  it('npm start runs the build with SERVICE_NODE_FLAGS, the flags the bench measured, exec-ed so it gets the signals', () => {
    expect(pkg.scripts.start).toBe(`exec node ${SERVICE_NODE_FLAGS.join(' ')} dist/main.js`);
    expect(pkg.scripts.prestart).toBe('node scripts/build.mjs --if-stale');
  });

  it('this Node accepts them (a misspelt flag stops node before the service starts)', () => {
    const run = spawnSync(process.execPath, [...SERVICE_NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
