import type { CdsServiceDefinition } from '../service.ts';
import { handleCandidacy } from './candidacy-service.ts';
import { handleOrder } from './order-service.ts';
import { PATIENT_RECORD_PREFETCH } from './patient-prefetch.ts';

export const SERVICE_IDS = {
  candidacy: 'botox-candidacy',
  orderSelect: 'botox-order-select',
  orderSign: 'botox-order-sign',
} as const;

/** The one registry: discovery lists it and the router dispatches from it. */
export function createServices(): CdsServiceDefinition[] {
  return [
    {
      id: SERVICE_IDS.candidacy,
      hook: 'patient-view',
      title: 'OnabotulinumtoxinA for chronic migraine: candidacy',
      description:
        'Assesses whether the patient is a candidate for onabotulinumtoxinA (Botox) prophylaxis of chronic migraine, ' +
        'what is missing, contraindications and cautions, and where an ongoing course stands (next cycle, response).',
      prefetch: PATIENT_RECORD_PREFETCH,
      handle: handleCandidacy,
    },
    {
      id: SERVICE_IDS.orderSelect,
      hook: 'order-select',
      title: 'OnabotulinumtoxinA order check (order-select)',
      description:
        'Checks a selected onabotulinumtoxinA draft order for chronic migraine: documented candidacy, interval since ' +
        'the last cycle, dose, contraindications and cautions.',
      prefetch: PATIENT_RECORD_PREFETCH,
      handle: handleOrder,
    },
    {
      id: SERVICE_IDS.orderSign,
      hook: 'order-sign',
      title: 'OnabotulinumtoxinA order check (order-sign)',
      description:
        'Checks onabotulinumtoxinA draft orders for chronic migraine before signing: documented candidacy, interval ' +
        'since the last cycle, dose, contraindications and cautions.',
      prefetch: PATIENT_RECORD_PREFETCH,
      handle: handleOrder,
    },
  ];
}
