import type { ZodError } from 'zod';

const SAFE_SEGMENT = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * Turns a zod error into short messages and FHIRPath-like expressions naming where the problem is. Messages are
 * zod's (they name expected types, never the received value); path segments that are not plain names are masked,
 * because keys come from the client and may carry anything.
 */
export function describeZodError(error: ZodError, prefix = ''): { diagnostics: string; expression: string[] } {
  const issues = error.issues.slice(0, 10);
  const expression = issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : SAFE_SEGMENT.test(String(p)) ? String(p) : '*'));
    return [prefix, ...path].filter(Boolean).join('.').replace(/\.\[/g, '[') || '$';
  });
  const diagnostics = issues.map((i, n) => `${expression[n]}: ${i.message}`).join('; ');
  const more = error.issues.length > issues.length ? ` (and ${error.issues.length - issues.length} more)` : '';
  return { diagnostics: diagnostics + more, expression };
}
