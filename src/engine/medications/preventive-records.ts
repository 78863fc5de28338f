import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { refOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { DataNote } from '../types.ts';
import { isEveryOtherDay } from './dosing-schedule.ts';
import type { DrugIngredient, PreventiveOutcomeCode } from './drug-catalog-schema.ts';
import { matchIngredients } from './drug-match.ts';
import { medicationConcept } from './medication-concept.ts';
import { classifyReason, hasPreventionReason, type ReasonAssessment } from './medication-reason.ts';
import { routeCategory } from './medication-route.ts';
import { recordPeriod } from './record-period.ts';
import { outcomeOfStatusReason } from './trial-outcome.ts';

/** One MedicationStatement or MedicationRequest read as part of a preventive trial of one ingredient. */
export interface PreventiveRecord {
  resource: MedicationStatement | MedicationRequest;
  evidence?: string;
  ingredient: DrugIngredient;
  matchedBy: 'code' | 'name';
  start?: string;
  end?: string;
  /** Status `active`. */
  active: boolean;
  /** Status on-hold or unknown: the record gives an unknown outcome. */
  statusUnclear: boolean;
  /** Outcome stated by statusReason. */
  outcome?: PreventiveOutcomeCode;
  reason: ReasonAssessment;
}

const STATEMENT_STATUSES = new Set(['active', 'completed', 'stopped', 'on-hold', 'unknown', 'not-taken']);
const REQUEST_STATUSES = new Set(['active', 'completed', 'stopped']);

/**
 * Reads the preventive-drug records (clinical-rules 2.2): MedicationStatement active/completed/stopped (not-taken only
 * when contraindicated; on-hold and unknown with an unknown outcome) and MedicationRequest active/completed/stopped.
 * Acute drugs, local forms (timolol eye drops) and records whose reason is only a non-migraine condition are not trials.
 */
export function collectPreventiveRecords(
  record: PatientRecord,
  evaluationDate: string,
  siteTimeZone: string,
): { records: PreventiveRecord[]; notes: DataNote[] } {
  const records: PreventiveRecord[] = [];
  const notes: DataNote[] = [];
  const sources: (MedicationStatement | MedicationRequest)[] = [
    ...record.medicationStatements,
    ...record.medicationRequests,
  ];
  for (const resource of sources) {
    const isStatement = resource.resourceType === 'MedicationStatement';
    if (!(isStatement ? STATEMENT_STATUSES : REQUEST_STATUSES).has(resource.status)) continue;
    const { concepts, form } = medicationConcept(resource, record);
    const preventives = matchIngredients(concepts).filter((m) => m.drug.role === 'preventive');
    if (!preventives.length) continue;
    const dosages = isStatement
      ? (resource as MedicationStatement).dosage
      : (resource as MedicationRequest).dosageInstruction;
    if (routeCategory(dosages?.map((d) => d.route) ?? [], [...concepts, form]) === 'local') continue;

    const evidence = refOf(resource);
    const ev = evidence ? [evidence] : [];
    const label = conceptLabel(concepts);
    const statusReasons = isStatement
      ? ((resource as MedicationStatement).statusReason ?? [])
      : [(resource as MedicationRequest).statusReason];
    const statusUnclear = resource.status === 'on-hold' || resource.status === 'unknown';
    // clinical-rules 2.2: on-hold and unknown give an unknown outcome, whatever their statusReason says.
    const outcome = statusUnclear ? undefined : outcomeOfStatusReason(statusReasons);
    if (resource.status === 'not-taken' && outcome !== 'contraindicated') continue;
    const reason = classifyReason(resource, record);
    if (reason.kind === 'other') {
      notes.push({
        kind: 'unused',
        text: `${label} (reason: ${reason.labels.join(', ')}): not a migraine preventive trial`,
        evidence: ev,
      });
      continue;
    }
    const period = recordPeriod(resource, evaluationDate, siteTimeZone);
    if (period.impreciseDate)
      notes.push({ kind: 'unused', text: `${label}: a date less precise than a day was ignored`, evidence: ev });
    if (period.start && period.start > evaluationDate) {
      notes.push({
        kind: 'data-error',
        text: `${label}: starts after the evaluation date (${period.start}); not used`,
        evidence: ev,
      });
      continue;
    }
    for (const match of preventives) {
      const ing = match.drug;
      if (ing.preventiveOnlyWhen && !isEveryOtherDay(dosages) && !hasPreventionReason(resource)) {
        notes.push({
          kind: 'unused',
          text: `${label}: ${ing.name} without every-other-day dosing or a prevention reason is acute treatment, not a preventive trial`,
          evidence: ev,
        });
        continue;
      }
      // Fields in this order, each optional one only when known (as a spread of conditional objects would give).
      const trialRecord = { resource } as PreventiveRecord;
      if (evidence) trialRecord.evidence = evidence;
      trialRecord.ingredient = ing;
      trialRecord.matchedBy = match.matchedBy;
      if (period.start) trialRecord.start = period.start;
      if (period.end) trialRecord.end = period.end;
      trialRecord.active = resource.status === 'active';
      trialRecord.statusUnclear = statusUnclear;
      if (outcome) trialRecord.outcome = outcome;
      trialRecord.reason = reason;
      records.push(trialRecord);
    }
  }
  return { records, notes };
}
