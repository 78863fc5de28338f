import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The sandbox's own service ids in the recording, mapped to ours. */
export const RECORDED_SERVICE_IDS: Record<string, string> = {
  pv: 'botox-candidacy',
  os: 'botox-order-select',
  osn: 'botox-order-sign',
};

const CAPTURE_DIR = resolve(import.meta.dirname, '../fixtures/sandbox-capture');

export function recordedRequests(): RecordedRequest[] {
  return JSON.parse(readFileSync(resolve(CAPTURE_DIR, 'cds-requests.json'), 'utf8'));
}

export function sandboxJwks(): { keys: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(resolve(CAPTURE_DIR, 'sandbox-jwks.json'), 'utf8'));
}

/** Maps a recorded path (`/cds-services/pv/feedback`) to ours (`/cds-services/botox-candidacy/feedback`). */
export function ourPath(recordedPath: string): string {
  return recordedPath.replace(
    /^\/cds-services\/([^/]+)/,
    (_m, id: string) => `/cds-services/${RECORDED_SERVICE_IDS[id] ?? id}`,
  );
}
