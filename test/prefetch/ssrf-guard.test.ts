import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PATIENT_RECORD_PREFETCH } from '../../src/cds/services/patient-prefetch.ts';
import type { HttpProblem } from '../../src/http/operation-outcome.ts';
import { isPublicAddress } from '../../src/prefetch/address-class.ts';
import { parseAllowlist } from '../../src/prefetch/fhir-server-allowlist.ts';
import { createFhirServerGuard } from '../../src/prefetch/fhir-server-guard.ts';
import { type LocalServer, sendFhir, startFaultServer } from './support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from './support/patient-record.ts';
import { ACCESS_TOKEN, patientViewRequest, resolverUnderTest } from './support/resolver-harness.ts';

const patient = chronicMigraineRecord(new Date().toISOString().slice(0, 10)).find(
  (r) => r.id === PATIENT_ID,
) as Resource;
let server: LocalServer;
let port: string;
beforeAll(async () => {
  server = await startFaultServer((req, res) =>
    req.url?.startsWith('/fhir/Patient/') ? sendFhir(res, 200, patient) : sendFhir(res, 200, searchset([])),
  );
  port = new URL(server.base).port;
});
afterAll(() => server.close());

async function resolveIn(env: Record<string, string>, fhirServer: string, production = true) {
  const harness = resolverUnderTest(env, { production });
  const request = patientViewRequest({ fhirServer, token: ACCESS_TOKEN });
  const result = await harness.resolver.resolve(PATIENT_RECORD_PREFETCH, request).catch((e: unknown) => e);
  return { result, ...harness };
}

describe('SSRF guard on fhirServer', () => {
  test('production refuses a FHIR server that is not allowlisted, without contacting it', async () => {
    server.seen.length = 0;
    const { result, logger } = await resolveIn({ FHIR_SERVER_ALLOWLIST: 'https://fhir.example.org/r4' }, server.base);
    expect((result as HttpProblem).status).toBe(412);
    expect(logger.lines.join('\n')).toContain("not on this service's allowlist");
    expect(server.seen).toHaveLength(0);
  });

  test('production fetches from a loopback server that an entry names outright', async () => {
    const { result } = await resolveIn({ FHIR_SERVER_ALLOWLIST: `http://127.0.0.1:${port}/fhir` }, server.base);
    expect(result).toMatchObject({ patient: { status: 'ok', source: 'fetched' } });
  });

  test('production refuses loopback reached through a wildcard entry: the resolved address counts', async () => {
    server.seen.length = 0;
    // `localhost` is resolved by the system resolver to 127.0.0.1 or ::1.
    const { result, logger } = await resolveIn(
      { FHIR_SERVER_ALLOWLIST: `http://local*:${port}/fhir` },
      `http://localhost:${port}/fhir`,
    );
    expect((result as HttpProblem).status).toBe(412);
    expect(logger.lines.join('\n')).toContain('loopback, private or link-local');
    expect(server.seen).toHaveLength(0);
  });

  test("the embedded server's base under any PUBLIC_BASE_URL is allowed, even with an allowlist that omits it", async () => {
    const { result } = await resolveIn(
      {
        EMBEDDED_FHIR: 'on',
        PUBLIC_BASE_URL: `http://localhost:${port},http://127.0.0.1:${port}`,
        FHIR_SERVER_ALLOWLIST: 'https://fhir.example.org/r4',
      },
      `http://127.0.0.1:${port}/fhir`,
    );
    expect(result).toMatchObject({ patient: { status: 'ok', source: 'fetched' } });
  });

  test("the embedded server's own base is always allowed", async () => {
    const { result } = await resolveIn(
      { EMBEDDED_FHIR: 'on', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
      `http://127.0.0.1:${port}/fhir`,
    );
    expect(result).toMatchObject({ patient: { status: 'ok', source: 'fetched' } });
  });

  test('outside production without an allowlist anything is fetched, with one warning per process', async () => {
    const harness = resolverUnderTest({}, { production: false });
    for (let i = 0; i < 2; i++) {
      const request = patientViewRequest({ fhirServer: server.base });
      await expect(harness.resolver.resolve(PATIENT_RECORD_PREFETCH, request)).resolves.toBeDefined();
    }
    expect(harness.logger.lines.filter((l) => l.includes('"level":"warn"'))).toHaveLength(1);
  });

  test('a wildcard entry admits a public address and refuses private, link-local and mapped ones', async () => {
    const addresses: Record<string, string[]> = {
      'ehr.fhir.example': ['93.184.216.34'],
      'rebind.fhir.example': ['93.184.216.34', '10.0.0.8'],
      'meta.fhir.example': ['169.254.169.254'],
      'mapped.fhir.example': ['::ffff:127.0.0.1'],
    };
    const guard = createFhirServerGuard({
      production: true,
      allowlist: ['https://*.fhir.example/R4'],
      trustedBases: [],
      lookup: async (host) => addresses[host] ?? [],
    });
    expect(await guard.check('https://ehr.fhir.example/R4')).toEqual({ allowed: true, addresses: ['93.184.216.34'] });
    for (const host of ['rebind', 'meta', 'mapped']) {
      expect(await guard.check(`https://${host}.fhir.example/R4`)).toMatchObject({ allowed: false });
    }
    expect(await guard.check('https://unknown.fhir.example/R4')).toMatchObject({ allowed: false });
  });

  test('URLs with credentials or other schemes are refused even outside production', async () => {
    const guard = createFhirServerGuard({ production: false, allowlist: [], trustedBases: [] });
    expect(await guard.check('https://user:pass@fhir.example.org/r4')).toMatchObject({ allowed: false });
    expect(await guard.check('file:///etc/passwd')).toMatchObject({ allowed: false });
  });
});

describe('allowlist entries', () => {
  const [prefix, pattern] = parseAllowlist(['https://fhir.example.org/r4/', 'https://*.epic.example/api/FHIR/R4']);
  const matches = (entry: typeof prefix, url: string) => entry?.matches(new URL(url));

  test('a prefix matches on whole path segments, never a longer host name or path', () => {
    expect(matches(prefix, 'https://fhir.example.org/r4')).toBe(true);
    expect(matches(prefix, 'https://FHIR.example.org/r4/tenant-1')).toBe(true);
    expect(matches(prefix, 'https://fhir.example.org/r40')).toBe(false);
    expect(matches(prefix, 'https://fhir.example.org.evil.test/r4')).toBe(false);
    expect(matches(prefix, 'http://fhir.example.org/r4')).toBe(false);
    expect(matches(prefix, 'https://fhir.example.org:8443/r4')).toBe(false);
  });

  test('a * matches within one segment only', () => {
    expect(matches(pattern, 'https://hospital-a.epic.example/api/FHIR/R4')).toBe(true);
    expect(matches(pattern, 'https://evil.test/x.epic.example/api/FHIR/R4')).toBe(false);
    expect(matches(pattern, 'https://hospital-a.epic.example/api/FHIR/R40')).toBe(false);
  });
});

describe('address classes', () => {
  test.each([
    ['127.0.0.1', false],
    ['10.20.30.40', false],
    ['172.31.255.1', false],
    ['192.168.0.10', false],
    ['169.254.169.254', false],
    ['100.64.1.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd12:3456::1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:a00:1', false],
    ['::127.0.0.1', false], // IPv4-compatible
    ['::ffff:0:10.0.0.1', false], // IPv4-translated
    ['64:ff9b::127.0.0.1', false], // NAT64 (RFC 6052)
    ['64:ff9b::7f00:1', false],
    ['64:ff9b::a9fe:a9fe', false], // NAT64 to cloud metadata
    ['64:ff9b::c0a8:1', false],
    ['64:ff9b:1::808:808', false], // NAT64 local use: a site's own network
    ['2002:7f00:1::', false], // 6to4 of 127.0.0.1
    ['2002:a00:1::1', false], // 6to4 of 10.0.0.1
    ['2002:a9fe:a9fe::', false],
    ['2001:0:4136:e378::1', false], // Teredo
    ['2001:db8::1', false],
    ['fe80::1%eth0', false],
    ['192.0.2.10', false],
    ['64:ff9b::808:808', true], // NAT64 of a public address
    ['2002:808:808::1', true], // 6to4 of a public address
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['not-an-ip', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
