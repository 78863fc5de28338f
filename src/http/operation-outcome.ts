import type { OperationOutcome } from '@medplum/fhirtypes';

export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'not-found'
  | 'not-supported'
  | 'too-long'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'exception'
  | 'timeout'
  | 'incomplete'
  | 'transient'
  | 'throttled';

/** An OperationOutcome with one error issue. `diagnostics` must never contain request content (it may carry PHI). */
export function operationOutcome(
  code: IssueType,
  diagnostics: string,
  expression?: string[],
  severity: 'error' | 'fatal' | 'warning' = 'error',
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics, ...(expression?.length ? { expression } : {}) }],
  };
}

/** An error that the HTTP layer turns into `status` with an OperationOutcome body. Thrown at the edges only. */
export class HttpProblem extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504,
    readonly outcome: OperationOutcome,
    /** Extra detail for the server log only (never sent to the client, never PHI). */
    readonly logDetail?: string,
  ) {
    super(outcome.issue[0]?.diagnostics ?? `HTTP ${status}`);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (diagnostics: string, expression?: string[]) =>
  new HttpProblem(400, operationOutcome('invalid', diagnostics, expression));
export const notFound = (diagnostics: string) => new HttpProblem(404, operationOutcome('not-found', diagnostics));
export const preconditionFailed = (diagnostics: string, expression?: string[]) =>
  new HttpProblem(412, operationOutcome('incomplete', diagnostics, expression));
export const unauthorized = (logDetail: string) =>
  new HttpProblem(401, operationOutcome('login', 'Unauthorized'), logDetail);
