import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import { codingsOf } from '../../fhir/codeable-concept.ts';
import { verificationOf } from '../../fhir/condition-status.ts';
import { refsOf } from '../../fhir/reference.ts';
import { type ActiveUse, type ActiveUseRules, activeUses } from '../../medications/active-drugs.ts';
import type { PatientRecord } from '../../patient-record.ts';
import type { EvaluationContext, FindingResult } from '../../types.ts';
import { describeCondition, diagnosesIn, newestFirst } from '../condition-findings.ts';
import type { FindingModule } from '../finding-module.ts';
import { type CholinesteraseInhibitor, cholinesteraseInhibitors } from './cholinesterase-inhibitors.ts';

const ADVICE = 'specialist review; risk of severe dysphagia or respiratory compromise';
const EXCLUDED_VERIFICATION = new Set(['refuted', 'entered-in-error']);
const STATUS_WORDS: Record<string, string> = { remission: 'in remission' };

/**
 * Neuromuscular diagnoses that count (clinical-rules 2 exception, 11.8): whatever the clinicalStatus (inactive,
 * remission, resolved: the label warns of *pre-existing* disorders), an abatement included; only refuted or
 * entered-in-error exclude one. Tentative ones count, as for every finding (the safe side).
 */
export function neuromuscularDiagnoses(conditions: Condition[]): Condition[] {
  return diagnosesIn(conditions, 'neuromuscular-disorder').filter((c) => {
    const verification = verificationOf(c);
    return !verification || !EXCLUDED_VERIFICATION.has(verification);
  });
}

/** "Myasthenia gravis (onset 2019-04-02), recorded as in remission"; no clinicalStatus names none (11.8). */
function describeDiagnosis(c: Condition, siteTimeZone: string): string {
  const status = firstCode(c.clinicalStatus);
  const named = status ? `, recorded as ${STATUS_WORDS[status] ?? status}` : '';
  return `${describeCondition(c, siteTimeZone)}${named}`;
}

function firstCode(concept: CodeableConcept | undefined): string | undefined {
  for (const c of codingsOf(concept)) if (typeof c?.code === 'string') return c.code;
  return undefined;
}

/**
 * Pyridostigmine or neostigmine in use (clinical-rules 3, 11.9): by the general active-drug rule (2.2) for
 * MedicationStatement and MedicationRequest only; route oral or not stated (a product whose form says injection, or a
 * route IV, IM or other parenteral, never counts: that is anaesthetic reversal, not a treated neuromuscular disorder).
 */
const RULES: ActiveUseRules<CholinesteraseInhibitor> = {
  administrationDays: () => 0,
  routeAllowed: (_drug, category) => category === undefined || category === 'systemic-other',
};

export function cholinesteraseUses(
  record: PatientRecord,
  ctx: EvaluationContext,
): ActiveUse<CholinesteraseInhibitor>[] {
  const statementsAndOrders: PatientRecord = { ...record, medicationAdministrations: [] };
  return activeUses(statementsAndOrders, ctx, cholinesteraseInhibitors(), RULES);
}

/**
 * `neuromuscular-disorder` (caution; BOTOX PI warnings): a neuromuscular diagnosis whatever its clinicalStatus, or an
 * active pyridostigmine or oral neostigmine ("possible neuromuscular disorder: on pyridostigmine"); with both, one
 * finding with both as evidence (11.9).
 */
export function neuromuscularDisorderFinding(
  conditions: Condition[],
  siteTimeZone: string,
  uses: ActiveUse<CholinesteraseInhibitor>[] = [],
): FindingResult | undefined {
  const diagnoses = newestFirst(neuromuscularDiagnoses(conditions), siteTimeZone);
  if (!diagnoses.length && !uses.length) return undefined;
  const drugs = uses.map((u) => `on ${u.drug.id} (${u.label}, ${u.when})`);
  const parts = diagnoses.length
    ? [...diagnoses.map((c) => describeDiagnosis(c, siteTimeZone)), ...drugs]
    : [`Possible neuromuscular disorder: ${drugs.join('; ')}`];
  return {
    id: 'neuromuscular-disorder',
    severity: 'caution',
    evidence: [...new Set([...refsOf(diagnoses), ...uses.flatMap((u) => (u.evidence ? [u.evidence] : []))])],
    summary: `${parts.join('; ')}: ${ADVICE}`,
  };
}

export const neuromuscularDisorderModule: FindingModule = {
  id: 'neuromuscular-disorder',
  severity: 'caution',
  label: 'Neuromuscular disorder',
  source:
    'BOTOX PI warnings (pre-existing neuromuscular disorders); clinical-rules 2 (exception), 3, 11.8-11.9 (pyridostigmine codes: verify)',
  detect: ({ record, ctx }) =>
    neuromuscularDisorderFinding(record.conditions, ctx.siteTimeZone, cholinesteraseUses(record, ctx)),
};
