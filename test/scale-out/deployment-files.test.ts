import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../../src/runtime-flags.ts';
import { HAPROXY_CONFIG, haproxyInstalled } from './support/haproxy.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

/** The variables compose.yaml gives HAProxy, read from its `haproxy` service. */
function composeHaproxyEnv(compose: string): Record<string, string> {
  const service = compose.slice(compose.indexOf('\n  haproxy:'));
  const block = service.slice(service.indexOf('environment:'), service.indexOf('volumes:'));
  return Object.fromEntries(
    [...block.matchAll(/^\s+([A-Z0-9_]+): "?([^"\n]+)"?$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const),
  );
}

describe('deployment files', () => {
  test('the image runs node dist/main.js with the service flags, as a non-root user, with a health check', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:20-[\w.-]*slim AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci /m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    const cmd = JSON.parse(dockerfile.match(/^CMD (\[.*\])$/m)?.[1] ?? '[]');
    expect(cmd).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/main.js']);
  });

  test('compose runs HAProxy with the scale-out test`s file and command, in front of both instances', () => {
    const compose = read('compose.yaml');
    expect(compose).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(compose).toContain('command: ["haproxy", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]');
    expect(composeHaproxyEnv(compose)).toEqual({
      HAPROXY_BIND: ':8080',
      HAPROXY_CHECK_INTER: '1s',
      CDS_SERVER_1: 'cds1:8080',
      CDS_SERVER_2: 'cds2:8080',
    });
    expect(compose).toMatch(/^ {2}cds1: \*cds-instance$/m);
    expect(compose).toMatch(/^ {2}cds2: \*cds-instance$/m);
  });

  test.skipIf(!haproxyInstalled())('haproxy accepts deploy/haproxy.cfg with the variables compose gives it', () => {
    // The compose hostnames do not resolve here: check with loopback addresses in their place.
    const env = {
      ...composeHaproxyEnv(read('compose.yaml')),
      CDS_SERVER_1: '127.0.0.1:1',
      CDS_SERVER_2: '127.0.0.1:2',
    };
    const check = spawnSync('haproxy', ['-c', '-f', HAPROXY_CONFIG], { env: { PATH: process.env.PATH, ...env } });
    expect(`${check.stdout}${check.stderr}`).toMatch(/Configuration file is valid/);
    expect(check.status).toBe(0);
  });
});
