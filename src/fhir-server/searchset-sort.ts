import { evalFhirPath, getSearchParameter } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/**
 * Sorts resources by a `_sort` value (`-date,code`), evaluating each sort key once per resource and only the part of
 * the parameter's FHIRPath that concerns this type: Medplum's repository re-evaluates the whole multi-type expression
 * twice per comparison, which takes seconds on a year of diary entries. Resources without a value come last.
 */
export function sortResources<T extends Resource>(resources: T[], resourceType: string, sort: string): T[] {
  const rules = sort
    .split(',')
    .filter(Boolean)
    .map((field) => ({
      descending: field.startsWith('-'),
      expression: typeExpression(resourceType, field.replace(/^-/, '')),
    }))
    .filter((r): r is { descending: boolean; expression: string } => !!r.expression);
  const keyed = resources.map((resource) => ({ resource, keys: rules.map((r) => sortKey(r.expression, resource)) }));
  keyed.sort((a, b) => {
    for (const [i, rule] of rules.entries()) {
      const x = a.keys[i] as string | undefined;
      const y = b.keys[i] as string | undefined;
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * (rule.descending ? -1 : 1);
    }
    return 0;
  });
  return keyed.map((k) => k.resource);
}

function typeExpression(resourceType: string, code: string): string | undefined {
  const expression = getSearchParameter(resourceType, code)?.expression;
  if (!expression) return undefined;
  const own = expression
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${resourceType}.`) || part.startsWith(`(${resourceType}.`));
  return own.length ? own.join(' | ') : expression;
}

function sortKey(expression: string, resource: Resource): string | undefined {
  const value = evalFhirPath(expression, resource)[0] as unknown;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = value as { start?: string; end?: string; value?: unknown; code?: string; coding?: { code?: string }[] };
  const key =
    v.start ?? v.end ?? v.coding?.[0]?.code ?? v.code ?? (v.value !== undefined ? String(v.value) : undefined);
  return key ?? JSON.stringify(value);
}
