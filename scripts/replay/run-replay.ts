import { readFileSync } from 'node:fs';
import { collectRequests } from './collect-requests.ts';
import { cardStatuses, formatResponse } from './format-response.ts';

export interface ReplayOptions {
  /** The service's base URL, e.g. http://localhost:8080 (without /cds-services). */
  base: string;
  /** Request files or directories. */
  paths: string[];
  /** Where the readable output goes (one call per line). */
  write: (line: string) => void;
  /** Replaces `fhirServer` in requests that name one (a service started on another port than 8080). */
  fhirServer?: string;
  /** Also fail (exit code 3) when a card's status differs from the manifest's expectation. */
  check?: boolean;
  /** The date today, to warn when the requests were generated for another evaluation date. */
  today?: string;
  timeoutMs?: number;
}

/** The OperationOutcome's first diagnostics, if the body is one (our errors never echo the request). */
function problemOf(text: string): string {
  try {
    const body = JSON.parse(text) as { resourceType?: string; issue?: { code?: string; diagnostics?: string }[] };
    if (body.resourceType === 'OperationOutcome') {
      return body.issue?.map((i) => `${i.code ?? ''}: ${i.diagnostics ?? ''}`).join('; ') ?? '';
    }
  } catch {}
  return text.slice(0, 200);
}

/** Hook -> service id, from the service's discovery document (the first service registered for each hook). */
async function discoverServices(base: string, timeoutMs: number): Promise<Map<string, string>> {
  const res = await fetch(`${base}/cds-services`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`discovery answered HTTP ${res.status}`);
  const body = (await res.json()) as { services?: { hook?: string; id?: string }[] };
  const byHook = new Map<string, string>();
  for (const s of body.services ?? []) if (s.hook && s.id && !byHook.has(s.hook)) byHook.set(s.hook, s.id);
  return byHook;
}

/**
 * POSTs each request file to `{base}/cds-services/{service}` (the service registered for the request's hook, read
 * from discovery) and prints every card readably. Returns the exit code: 0 when every call succeeded, 1 on any HTTP, network or file error,
 * 3 with `check` when a status differs from the manifest's expectation.
 */
export async function replay(o: ReplayOptions): Promise<number> {
  const base = o.base.replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? 30_000;
  const files = collectRequests(o.paths);
  if (files.length === 0) {
    o.write('No request files found.');
    return 1;
  }
  const dates = new Set(files.flatMap((f) => (f.manifestDate ? [f.manifestDate] : [])));
  if (o.today && dates.size > 0 && !dates.has(o.today)) {
    o.write(
      `Note: these requests were generated for ${[...dates].join(', ')}; start the service with EVALUATION_DATE=${[...dates][0]} ` +
        'or regenerate them with `npm run cds-hooks:generate`, or the cards will differ from the expectations.',
    );
  }
  let services: Map<string, string>;
  try {
    services = await discoverServices(base, timeoutMs);
  } catch (error) {
    o.write(`Cannot read ${base}/cds-services: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let failures = 0;
  let mismatches = 0;
  let cards = 0;
  const seen = new Map<string, number>();
  for (const f of files) {
    let body: { hook?: string; fhirServer?: string; context?: { patientId?: string } };
    try {
      body = JSON.parse(readFileSync(f.path, 'utf8'));
    } catch {
      o.write(`\n${f.label}: not readable JSON`);
      failures++;
      continue;
    }
    if (o.fhirServer && body.fhirServer) body.fhirServer = o.fhirServer;
    const service = services.get(body.hook ?? '');
    o.write(`\n== ${f.label} -> ${service ?? '?'} (patient ${body.context?.patientId ?? '?'})`);
    if (f.entry?.expect) o.write(`  expected: ${f.entry.expect}`);
    if (!service) {
      o.write(`  no service for hook "${body.hook ?? ''}" in discovery`);
      failures++;
      continue;
    }
    let res: Response;
    try {
      res = await fetch(`${base}/cds-services/${service}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      o.write(`  request failed: ${error instanceof Error ? error.message : String(error)}`);
      failures++;
      continue;
    }
    const text = await res.text();
    if (!res.ok) {
      o.write(`  HTTP ${res.status}: ${problemOf(text)}`);
      failures++;
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      o.write(`  HTTP ${res.status} but the body is not JSON`);
      failures++;
      continue;
    }
    for (const line of formatResponse(json)) o.write(line);
    const statuses = cardStatuses(json);
    cards += statuses.length;
    for (const s of statuses) if (s) seen.set(s, (seen.get(s) ?? 0) + 1);
    const expected = f.entry?.expectStatus;
    const outOfScope = f.entry && !expected && f.entry.expect.startsWith('no card');
    const actual = statuses.find(Boolean);
    if ((expected && actual !== expected) || (outOfScope && statuses.length > 0)) {
      o.write(
        `  MISMATCH: expected ${expected ?? 'no card'}, got ${actual ?? (statuses.length ? 'a card without status' : 'no card')}`,
      );
      mismatches++;
    }
  }
  const statusList = [...seen].map(([s, n]) => `${s} x${n}`).join(', ') || 'none';
  o.write(
    `\n${files.length} request(s), ${cards} card(s); statuses: ${statusList}; HTTP/file errors: ${failures}; ` +
      `expectation mismatches: ${mismatches}`,
  );
  if (failures > 0) return 1;
  return o.check && mismatches > 0 ? 3 : 0;
}
