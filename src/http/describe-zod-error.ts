import type { ZodError, z } from 'zod';

/** Stands in a path for a key the client chose (a record key, an extra field): the key itself is never shown. */
export const CLIENT_KEY = '<key>';

const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,40}$/;

export interface DescribeZodErrorOptions {
  /** Where the parsed value sits in the request (`context`), put in front of every path. */
  prefix?: string;
  /** The schema that produced the error: only the field names it defines appear in paths. */
  schema: z.core.$ZodType;
  /** Record keys that the service itself defines (its prefetch keys), which may be named too. */
  knownRecordKeys?: Iterable<string>;
}

/**
 * Turns a zod error into short messages and FHIRPath-like expressions naming where the problem is. Messages are
 * zod's or ours (they name expected types, never the received value). A path names only the fields the schema
 * defines, positions in lists, and the service's own record keys: any other key was chosen by the client and may
 * carry anything (`prefetch: {"JohnSmithSSN123": ...}`), so it becomes `<key>`. Never echo the input back.
 */
export function describeZodError(
  error: ZodError,
  { prefix = '', schema, knownRecordKeys }: DescribeZodErrorOptions,
): { diagnostics: string; expression: string[] } {
  const recordKeys = new Set(knownRecordKeys);
  const issues = error.issues.slice(0, 10);
  const expression = issues.map((i) => {
    const path = describePath(i.path, schema, recordKeys);
    return [prefix, ...path].filter(Boolean).join('.').replace(/\.\[/g, '[') || '$';
  });
  const diagnostics = issues.map((i, n) => `${expression[n]}: ${messageOf(i)}`).join('; ');
  const more = error.issues.length > issues.length ? ` (and ${error.issues.length - issues.length} more)` : '';
  return { diagnostics: diagnostics + more, expression };
}

/** zod's message, except where zod quotes the client's keys. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'unrecognized keys';
  if (issue.code === 'invalid_key') return 'invalid key';
  return issue.message;
}

/** The parts of a zod schema read here (zod 4's `_zod.def`). */
interface SchemaNode {
  _zod: { def: SchemaDef };
}
interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaNode>;
  catchall?: SchemaNode;
  element?: SchemaNode;
  items?: SchemaNode[];
  rest?: SchemaNode | null;
  valueType?: SchemaNode;
  innerType?: SchemaNode;
  in?: SchemaNode;
  out?: SchemaNode;
  options?: SchemaNode[];
  left?: SchemaNode;
  right?: SchemaNode;
  getter?: () => SchemaNode;
}

/**
 * Walks the schema along the issue's path: a segment is shown when an object schema at that point defines it (or it
 * is one of the service's record keys under a record), a position is shown as `[n]`, anything else is `<key>`.
 */
function describePath(
  path: readonly PropertyKey[],
  schema: z.core.$ZodType,
  recordKeys: ReadonlySet<string>,
): string[] {
  let nodes = unwrap([schema as unknown as SchemaNode]);
  return path.map((segment) => {
    if (typeof segment === 'number') {
      nodes = unwrap(nodes.flatMap((n) => itemOf(n._zod.def, segment)));
      return `[${segment}]`;
    }
    const key = typeof segment === 'string' ? segment : undefined;
    const fields =
      key === undefined ? [] : nodes.filter((n) => n._zod.def.shape && Object.hasOwn(n._zod.def.shape, key));
    if (key !== undefined && fields.length && PLAIN_NAME.test(key)) {
      nodes = unwrap(fields.map((n) => (n._zod.def.shape as Record<string, SchemaNode>)[key] as SchemaNode));
      return key;
    }
    const records = nodes.filter((n) => n._zod.def.type === 'record');
    const named = key !== undefined && records.length > 0 && recordKeys.has(key) && PLAIN_NAME.test(key);
    nodes = unwrap(
      nodes.flatMap((n) => {
        const def = n._zod.def;
        if (def.type === 'record') return def.valueType ? [def.valueType] : [];
        return def.type === 'object' && def.catchall ? [def.catchall] : [];
      }),
    );
    return named ? (key as string) : CLIENT_KEY;
  });
}

function itemOf(def: SchemaDef, index: number): SchemaNode[] {
  if (def.type === 'array' && def.element) return [def.element];
  if (def.type === 'tuple') {
    const item = def.items?.[index] ?? def.rest;
    return item ? [item] : [];
  }
  return [];
}

/** The schemas a value at this point was checked against, wrappers (optional, pipe, union, ...) removed. */
function unwrap(nodes: SchemaNode[]): SchemaNode[] {
  const out: SchemaNode[] = [];
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def;
    if (def.innerType) {
      visit(def.innerType);
    } else if (def.type === 'pipe') {
      visit(def.in);
      visit(def.out);
    } else if (def.type === 'union') {
      for (const option of def.options ?? []) visit(option);
    } else if (def.type === 'intersection') {
      visit(def.left);
      visit(def.right);
    } else if (def.type === 'lazy' && def.getter) {
      visit(def.getter());
    } else {
      out.push(node);
    }
  };
  for (const node of nodes) visit(node);
  return out;
}
