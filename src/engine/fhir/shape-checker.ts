import type { ZodType } from 'zod';

/**
 * A check compiled from a zod shape: the path of the first field of the wrong JSON type (`[]` for the value itself),
 * or undefined when the value has the shape.
 */
export type ShapeCheck = (value: unknown) => PropertyKey[] | undefined;

type Def = {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  element?: ZodType;
};

/**
 * Compiles the subset of zod the resource shapes use (object, optional, array, string, number, boolean) into one
 * straight-line function, as zod's own JIT does: the same verdict as `safeParse` (test/engine/resource-shape.test.ts
 * checks both agree), without building a parsed copy, so a diary of thousands of Observations costs about a tenth of
 * `safeParse`. The generated code holds only our own field names (JSON-quoted), never input. The zod shape stays the
 * one definition.
 */
export function compileShape(schema: ZodType): ShapeCheck {
  let n = 0;
  const gen = (s: ZodType, v: string, path: string[]): string => {
    const def = (s as unknown as { _zod: { def: Def } })._zod.def;
    const at = `[${path.join(', ')}]`;
    switch (def.type) {
      case 'optional':
        return `if (${v} !== undefined) {\n${gen(def.innerType as ZodType, v, path)}\n}`;
      case 'string':
      case 'boolean':
        return `if (typeof ${v} !== '${def.type}') return ${at};`;
      case 'number':
        // zod refuses NaN and Infinity; JSON cannot carry them anyway.
        return `if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return ${at};`;
      case 'array': {
        const i = `i${n++}`;
        const e = `v${n++}`;
        return [
          `if (!Array.isArray(${v})) return ${at};`,
          `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
          `const ${e} = ${v}[${i}];`,
          gen(def.element as ZodType, e, [...path, i]),
          '}',
        ].join('\n');
      }
      case 'object': {
        const lines = [`if (${v} === null || typeof ${v} !== 'object' || Array.isArray(${v})) return ${at};`];
        for (const [key, child] of Object.entries(def.shape ?? {})) {
          const k = JSON.stringify(key);
          const f = `v${n++}`;
          lines.push(`{\nconst ${f} = ${v}[${k}];\n${gen(child, f, [...path, k])}\n}`);
        }
        return lines.join('\n');
      }
      default:
        throw new Error(`compileShape: zod type ${def.type} is not supported`);
    }
  };
  const body = `${gen(schema, 'root', [])}\nreturn undefined;`;
  return new Function('root', body) as ShapeCheck;
}
