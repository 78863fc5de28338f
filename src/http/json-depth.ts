/** The deepest nesting of objects and arrays accepted in client JSON: FHIR in a CDS Hooks request stays far below. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, found by one pass over the characters (brackets
 * inside strings, escaped quotes included, do not count). Run before `JSON.parse`, so that a deeply nested body costs
 * a scan, not a parse, and never reaches code that recurses over it. Malformed text is left to the parser.
 */
export function nestsDeeperThan(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
