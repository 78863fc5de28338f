import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildDeps } from '../../src/build-deps.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { SANDBOX_DEV_TRUST_FILE } from '../../src/trust/trusted-issuers.ts';

const TRUST_FILE = fileURLToPath(SANDBOX_DEV_TRUST_FILE);
const production = (env: Record<string, string>) =>
  loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://cds.example.org', ...env });

describe('CDS_AUTH start-up rules', () => {
  test('production refuses to start with neither CDS_AUTH nor trusted issuers', () => {
    expect(() => production({})).toThrow(ConfigError);
    expect(() => production({})).toThrow(/CDS_TRUSTED_ISSUERS.*CDS_AUTH=off must be set explicitly/);
  });

  test('production verifies by default when trusted issuers are given', () => {
    expect(production({ CDS_TRUSTED_ISSUERS: TRUST_FILE }).cdsAuth).toBe('verify');
  });

  test('production runs with CDS_AUTH=off only when it is set explicitly', () => {
    expect(production({ CDS_AUTH: 'off' }).cdsAuth).toBe('off');
  });

  test('CDS_AUTH=verify without trusted issuers is refused outside development', () => {
    expect(() => production({ CDS_AUTH: 'verify' })).toThrow(/CDS_TRUSTED_ISSUERS: required/);
    expect(() => loadConfig({ NODE_ENV: 'test', CDS_AUTH: 'verify' })).toThrow(/CDS_TRUSTED_ISSUERS: required/);
  });

  test('development defaults to off, warns loudly, and verifies sent tokens against the sandbox trust file', async () => {
    const config = loadConfig({ NODE_ENV: 'development', EMBEDDED_FHIR: 'off' });
    expect(config.cdsAuth).toBe('off');
    const logger = createMemoryLogger();
    await buildDeps(config, { logger, store: createMemoryCardStore() });
    const warnings = logger.lines.filter((l) => l.includes('"level":"warn"'));
    expect(warnings.some((l) => l.includes('CDS_AUTH=off'))).toBe(true);
    expect(warnings.some((l) => l.includes('https://sandbox.cds-hooks.org'))).toBe(true);
  });

  test('the test profile does not trust the sandbox by default', async () => {
    const logger = createMemoryLogger();
    await buildDeps(loadConfig({ NODE_ENV: 'test' }), { logger });
    expect(logger.lines.some((l) => l.includes('"trustedIssuers":0'))).toBe(true);
  });
});

describe('the public CDS Hooks sandbox issuer (its private key is public)', () => {
  const sandboxWarning = (lines: string[]) =>
    lines.filter((l) => l.includes('"level":"warn"') && l.includes('Trusting the public CDS Hooks sandbox issuer'));

  test('production with the sandbox trust file refuses to start, naming the override', async () => {
    const config = production({ CDS_TRUSTED_ISSUERS: TRUST_FILE });
    const start = buildDeps(config, { logger: createMemoryLogger(), store: createMemoryCardStore() });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(buildDeps(config, { logger: createMemoryLogger(), store: createMemoryCardStore() })).rejects.toThrow(
      /sandbox.*CDS_ALLOW_SANDBOX_ISSUER=true/s,
    );
  });

  test('a trust file that pins the sandbox key under another issuer name is the sandbox too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trust-'));
    const renamed = join(dir, 'trust.json');
    const [entry] = JSON.parse(readFileSync(TRUST_FILE, 'utf8')) as { iss: string; jku?: string[] }[];
    writeFileSync(renamed, JSON.stringify([{ ...entry, iss: 'https://ehr.example.org', jku: undefined }]));
    try {
      const config = production({ CDS_TRUSTED_ISSUERS: renamed });
      await expect(buildDeps(config, { logger: createMemoryLogger(), store: createMemoryCardStore() })).rejects.toThrow(
        /CDS_ALLOW_SANDBOX_ISSUER/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('production starts with the override set, and warns loudly', async () => {
    const logger = createMemoryLogger();
    const config = production({ CDS_TRUSTED_ISSUERS: TRUST_FILE, CDS_ALLOW_SANDBOX_ISSUER: 'true' });
    await buildDeps(config, { logger, store: createMemoryCardStore() });
    expect(sandboxWarning(logger.lines)).toHaveLength(1);
    expect(sandboxWarning(logger.lines)[0]).toContain('"override":true');
  });

  test('development warns loudly whenever the sandbox is trusted; another issuer alone gets no such warning', async () => {
    const logger = createMemoryLogger();
    await buildDeps(loadConfig({ NODE_ENV: 'development', EMBEDDED_FHIR: 'off' }), {
      logger,
      store: createMemoryCardStore(),
    });
    expect(sandboxWarning(logger.lines)).toHaveLength(1);
    const quiet = createMemoryLogger();
    await buildDeps(loadConfig({ NODE_ENV: 'test' }), { logger: quiet });
    expect(sandboxWarning(quiet.lines)).toEqual([]);
  });
});

describe('CDS_JWT_ALGORITHMS', () => {
  test('defaults to ES384 and RS384', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).jwtAlgorithms).toEqual(['ES384', 'RS384']);
  });

  test('may add ES256 and RS256', () => {
    expect(loadConfig({ NODE_ENV: 'test', CDS_JWT_ALGORITHMS: 'ES384, ES256,RS256' }).jwtAlgorithms).toEqual([
      'ES384',
      'ES256',
      'RS256',
    ]);
  });

  test.each(['none', 'HS256', 'ES384,HS512', 'PS384', ','])('refuses %j', (value) => {
    expect(() => loadConfig({ NODE_ENV: 'test', CDS_JWT_ALGORITHMS: value })).toThrow(/CDS_JWT_ALGORITHMS/);
  });
});
