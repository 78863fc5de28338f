import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** What a manifest.json written by `npm run cds-hooks:generate` says about one request file. */
export interface ManifestEntry {
  file: string;
  hook: string;
  patientId: string;
  expect: string;
  expectStatus?: string;
}

export interface Manifest {
  evaluationDate: string;
  requests: ManifestEntry[];
}

export interface RequestFile {
  path: string;
  /** The path shown to people: relative to the manifest's directory when there is one. */
  label: string;
  manifestDate?: string;
  entry?: ManifestEntry;
}

function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = resolve(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFilesUnder(p));
    else if (name.endsWith('.json') && name !== 'manifest.json') out.push(p);
  }
  return out;
}

/** The nearest manifest.json at or above the file's directory (at most 3 levels up). */
function findManifest(file: string): { dir: string; manifest: Manifest } | undefined {
  let dir = dirname(file);
  for (let i = 0; i < 4; i++) {
    const m = resolve(dir, 'manifest.json');
    if (existsSync(m)) {
      try {
        return { dir, manifest: JSON.parse(readFileSync(m, 'utf8')) as Manifest };
      } catch {
        return undefined;
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** The request files named by `paths` (files, or directories searched recursively), in a stable order. */
export function collectRequests(paths: string[]): RequestFile[] {
  const files = paths.flatMap((p) => {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new Error(`No such file or directory: ${p}`);
    return statSync(abs).isDirectory() ? jsonFilesUnder(abs) : [abs];
  });
  return files.map((path) => {
    const found = findManifest(path);
    if (!found) return { path, label: relative(process.cwd(), path) || path };
    const label = relative(found.dir, path).split('\\').join('/');
    const entry = found.manifest.requests?.find((r) => r.file === label);
    return { path, label, manifestDate: found.manifest.evaluationDate, ...(entry ? { entry } : {}) };
  });
}
