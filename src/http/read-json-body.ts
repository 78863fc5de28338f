import type { Context } from 'hono';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';
import { badRequest, HttpProblem, operationOutcome } from './operation-outcome.ts';
import { readRequestText } from './read-request-text.ts';

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * Reads a JSON request body under a byte limit. 415 for a non-JSON content type, 413 over the limit (checked on the
 * declared length first, then while reading), 400 for malformed JSON or JSON nested deeper than MAX_JSON_DEPTH. The
 * body is never quoted in an error.
 */
export async function readJsonBody(c: Context, limitBytes: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new HttpProblem(415, operationOutcome('not-supported', 'Content-Type must be application/json'));
  }
  const text = await readRequestText(c, limitBytes);
  if (text === undefined) {
    throw new HttpProblem(413, operationOutcome('too-long', `Request body exceeds the limit of ${limitBytes} bytes`));
  }
  if (text.trim() === '') throw badRequest('Request body is empty; a JSON object was expected');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw badRequest(`Request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}
