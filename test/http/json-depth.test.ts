import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { compact } from '../../src/cds/cards/compact.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/http/json-depth.ts';
import { createTestApp } from '../support/test-app.ts';

/** `{"a":{"a":...1...}}` with `levels` objects, built as text: JSON.stringify itself overflows on deep values. */
const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"a":1}${'}'.repeat(levels - 1)}`;

describe('the nesting scan', () => {
  test('counts objects and arrays, not brackets inside strings or after escaped quotes', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan(`[${nested(63)}]`, 64)).toBe(false);
    expect(nestsDeeperThan(`[[${nested(63)}]]`, 64)).toBe(true);
    const brackets = JSON.stringify({ text: `${'['.repeat(500)}"\\${'{'.repeat(500)}` });
    expect(nestsDeeperThan(brackets, 2)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash before a quote does.
    expect(nestsDeeperThan('{"a":"\\"[[[[","b":1}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\\\","b":[[1]]}', 2)).toBe(true);
  });
});

const REQUESTS = resolve(import.meta.dirname, '../../cds-hooks/requests');
const example = (file: string) => readFileSync(resolve(REQUESTS, file), 'utf8');

/** The 200 U above-label order-sign example with a field of its Botox draft nested `levels` deep. */
function deepDraftRequest(levels: number): string {
  const request = JSON.parse(example('order-sign/above-label-200u.json'));
  const med = request.context.draftOrders.entry.find(
    (e: { resource: Resource }) => e.resource.resourceType === 'MedicationRequest',
  ).resource;
  med.note = [{ text: 'DEEP' }];
  return JSON.stringify(request).replace('"DEEP"', nested(levels));
}

describe('client JSON nested too deep is a 400 before it is parsed', () => {
  test('an order-sign whose 200 U draft has a field nested 10,000 levels deep: 400, not 500', async () => {
    const { postJson, logger } = await createTestApp({ env: { EVALUATION_DATE: '2026-11-23' } });
    const res = await postJson('/cds-services/botox-order-sign', deepDraftRequest(10_000));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: `Request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
        },
      ],
    });
    expect(logger.lines.join('\n')).not.toContain('unhandled error');
  });

  test('the same request nested within the bound is answered', async () => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: '2026-11-23' } });
    // The note sits 7 levels down (request, context, draftOrders, entry, entry item, resource, note).
    const res = await postJson('/cds-services/botox-order-sign', deepDraftRequest(MAX_JSON_DEPTH - 10));
    expect(res.status).toBe(200);
  }, 60_000); // the first order card indexes the FHIR definitions for validation: seconds on a loaded machine

  test('feedback nested too deep is a 400', async () => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/botox-candidacy/feedback', `{"feedback":[${nested(100)}]}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('deeper than 64 levels');
  });
});

describe('the draft compaction of the order card', () => {
  test('copies a value nested 30,000 levels deep without overflowing the stack', () => {
    let deep: unknown = { leaf: 'x', empty: '' };
    for (let i = 0; i < 30_000; i++) deep = { a: [deep, null], b: {} };
    let out = compact(deep) as { a: unknown[] };
    let levels = 0;
    let shapes = 0;
    while (Array.isArray(out.a)) {
      if (Object.keys(out).length === 1 && out.a.length === 1) shapes++;
      out = out.a[0] as { a: unknown[] };
      levels++;
    }
    expect([levels, shapes]).toEqual([30_000, 30_000]);
    expect(out).toEqual({ leaf: 'x' });
  });

  test('drops empty values at every level and keeps key order; a __proto__ key stays a key', () => {
    const input = JSON.parse(
      '{"z":1,"note":[{"text":""},{"text":"t"}],"category":{},"reasonReference":[],"__proto__":{"x":1},"a":[[],{}, 0, false]}',
    );
    const out = compact(input);
    expect(JSON.stringify(out)).toBe('{"z":1,"note":[{"text":"t"}],"__proto__":{"x":1},"a":[0,false]}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
