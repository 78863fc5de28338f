import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { RECORD_PART_OF_TYPE } from '../../src/engine/patient-record.ts';

/** Prefetch keys are the record parts (src/cds/services/patient-prefetch.ts), except Patient and Medication. */
const KEY_OF_TYPE = Object.fromEntries(
  Object.entries(RECORD_PART_OF_TYPE).filter(([type]) => type !== 'Patient' && type !== 'Medication'),
);

/** The full prefetch our services ask for, built from a patient's resources (empty searchsets where none). */
export function fullPrefetch(resources: Resource[]): Record<string, Resource> {
  const patient = resources.find((r) => r.resourceType === 'Patient');
  const prefetch: Record<string, Resource> = patient ? { patient } : {};
  for (const key of Object.values(KEY_OF_TYPE)) {
    prefetch[key] = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] } as Bundle;
  }
  for (const r of resources) {
    const key = KEY_OF_TYPE[r.resourceType];
    if (!key) continue;
    const bundle = prefetch[key] as Bundle;
    bundle.entry!.push({ resource: r });
    bundle.total = bundle.entry!.length;
  }
  return prefetch;
}

export function patientViewRequest(resources: Resource[], patientId = 'p1') {
  return {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/dr-1', patientId },
    prefetch: fullPrefetch(resources),
  };
}

export function orderRequest(
  hook: 'order-select' | 'order-sign',
  resources: Resource[],
  drafts: Resource[],
  options: { selections?: string[]; patientId?: string } = {},
) {
  const patientId = options.patientId ?? 'p1';
  return {
    hook,
    hookInstance: randomUUID(),
    context: {
      userId: 'Practitioner/dr-1',
      patientId,
      draftOrders: { resourceType: 'Bundle', entry: drafts.map((resource) => ({ resource })) },
      ...(hook === 'order-select'
        ? { selections: options.selections ?? drafts.map((d) => `${d.resourceType}/${d.id}`) }
        : {}),
    },
    prefetch: fullPrefetch(resources),
  };
}
