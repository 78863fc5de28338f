import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/store/data-dir-lock.ts';

const dirs: string[] = [];
const lockPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'migraine-cds-lock-'));
  dirs.push(dir);
  return join(dir, 'card-store.lock');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('the lock holds this process id and is removed on release', () => {
  const path = lockPath();
  const release = lockDataDir(path);
  expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
  release();
  expect(existsSync(path)).toBe(false);
});

test('a store held by another live process is refused', () => {
  const path = lockPath();
  writeFileSync(path, String(process.ppid));
  expect(() => lockDataDir(path)).toThrow(DataDirLockedError);
  expect(readFileSync(path, 'utf8')).toBe(String(process.ppid));
});

test('a lock left by a process that was killed is taken over', () => {
  const path = lockPath();
  const gone = spawnSync(process.execPath, ['-e', 'process.kill(process.pid, "SIGKILL")']);
  expect(gone.signal).toBe('SIGKILL');
  writeFileSync(path, String(gone.pid));
  const release = lockDataDir(path);
  expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
  release();
});
