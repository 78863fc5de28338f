import type { Context } from 'hono';
import { badRequest, HttpProblem, operationOutcome } from './operation-outcome.ts';

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * Reads a JSON request body under a byte limit. 415 for a non-JSON content type, 413 over the limit (checked on the
 * declared length first, then while reading), 400 for malformed JSON. The body is never quoted in an error.
 */
export async function readJsonBody(c: Context, limitBytes: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new HttpProblem(415, operationOutcome('not-supported', 'Content-Type must be application/json'));
  }
  const tooLarge = () =>
    new HttpProblem(413, operationOutcome('too-long', `Request body exceeds the limit of ${limitBytes} bytes`));
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) throw badRequest('Request body is empty; a JSON object was expected');
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  if (text.trim() === '') throw badRequest('Request body is empty; a JSON object was expected');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}
