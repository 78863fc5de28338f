import type { Resource } from '@medplum/fhirtypes';
import { nestsDeeperThan } from '../http/json-depth.ts';
import { readBoundedText } from '../http/read-bounded-text.ts';

/** Why a fetch from the FHIR server gave nothing usable. Also the `outcome` label of the fetch-latency metric. */
export type FetchFailureKind =
  | 'refused'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'http-error'
  | 'timeout'
  | 'unreachable'
  | 'invalid-response'
  | 'too-many-pages'
  | 'foreign-link'
  | 'template'
  | 'cancelled';

export interface FetchFailure {
  kind: FetchFailureKind;
  /** Plain words for cards and the 412 body: never a URL, a token or response content. */
  reason: string;
  /** HTTP status, when the server answered. */
  status?: number;
}

export type FhirReadResult = { ok: true; resource: Resource } | { ok: false; failure: FetchFailure };

/** Upper bound on one response body, so that a hostile or broken server cannot exhaust memory. */
export const MAX_FHIR_RESPONSE_BYTES = 32 * 1024 * 1024;

const ACCEPT = 'application/fhir+json, application/json;q=0.9';

/**
 * GETs one FHIR URL. Written for this job rather than using MedplumClient, whose request path retries 5xx with
 * 0.5-1.1 s sleeps, turns every status into a generic OperationOutcome (the 401/403/5xx distinction is what the
 * card's "why" needs) and prints response-parse errors, which quote the body, to the console. Redirects are not
 * followed (an SSRF detour and a way to carry the token elsewhere); the body is read with a size cap.
 */
export async function readFhir(
  fetchFn: typeof fetch,
  url: string,
  accessToken: string | undefined,
  signal: AbortSignal,
): Promise<FhirReadResult> {
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetchFn(url, { method: 'GET', headers, signal, redirect: 'manual' });
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    return { ok: false, failure: { kind: 'unreachable', reason: 'the FHIR server could not be reached' } };
  }
  const { status } = response;
  if (status < 200 || status >= 300) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, failure: statusFailure(status) };
  }
  let text: string | undefined;
  try {
    text = await readBoundedText(response.body, MAX_FHIR_RESPONSE_BYTES, response.headers.get('content-length'));
  } catch {
    if (signal.aborted) throw signal.reason;
  }
  if (text === undefined) return { ok: false, failure: invalid('the answer was too large or broke off', status) };
  // Its resources reach the same code as the client's prefetch, so the same nesting bound applies.
  if (nestsDeeperThan(text)) return { ok: false, failure: invalid('the answer was nested too deep', status) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, failure: invalid('the answer was not JSON', status) };
  }
  if (typeof body !== 'object' || body === null || typeof (body as Resource).resourceType !== 'string') {
    return { ok: false, failure: invalid('the answer was not a FHIR resource', status) };
  }
  if ((body as Resource).resourceType === 'OperationOutcome') {
    return { ok: false, failure: invalid('the answer was an OperationOutcome', status) };
  }
  return { ok: true, resource: body as Resource };
}

function invalid(why: string, status: number): FetchFailure {
  return { kind: 'invalid-response', reason: `the FHIR server's answer was unusable: ${why}`, status };
}

function statusFailure(status: number): FetchFailure {
  if (status === 401)
    return { kind: 'unauthorized', status, reason: 'the FHIR server did not accept the access token (401)' };
  if (status === 403) return { kind: 'forbidden', status, reason: 'the FHIR server denied access to this data (403)' };
  if (status === 404 || status === 410)
    return { kind: 'not-found', status, reason: `the FHIR server has no such record (${status})` };
  if (status >= 300 && status < 400) {
    return {
      kind: 'http-error',
      status,
      reason: `the FHIR server answered with a redirect (${status}), which is not followed`,
    };
  }
  return { kind: 'http-error', status, reason: `the FHIR server answered with an error (HTTP ${status})` };
}
