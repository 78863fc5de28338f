import type { Duration, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { addDays, fhirDay } from '../dates.ts';

/** Start and end of one medication record (clinical-rules 2.2), end capped at E. */
export interface RecordPeriod {
  start?: string;
  end?: string;
  /** A date was present but less precise than a day (or invalid): listed as unused. */
  impreciseDate: boolean;
}

const DAYS_PER_UNIT: Record<string, number> = {
  d: 1,
  day: 1,
  days: 1,
  wk: 7,
  week: 7,
  weeks: 7,
  mo: 30,
  month: 30,
  months: 30,
  a: 365,
  year: 365,
  years: 365,
};

/** expectedSupplyDuration in days; 30 when absent or in a unit this does not know. */
export function supplyDays(duration: Duration | undefined): number {
  const per = DAYS_PER_UNIT[(duration?.code ?? duration?.unit ?? '').trim().toLowerCase()];
  const value = duration?.value;
  return per && typeof value === 'number' && value > 0 ? Math.ceil(value * per) : 30;
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * start = effectivePeriod.start, effectiveDateTime or authoredOn; end = effectivePeriod.end, else authoredOn +
 * expectedSupplyDuration (default 30 d) x (1 + numberOfRepeatsAllowed), else E while active, else unknown.
 */
export function recordPeriod(
  resource: MedicationStatement | MedicationRequest,
  evaluationDate: string,
  siteTimeZone: string,
): RecordPeriod {
  const s = resource as MedicationStatement;
  const r = resource as MedicationRequest;
  const rawStart = s.effectivePeriod?.start ?? s.effectiveDateTime ?? r.authoredOn;
  const rawEnd = s.effectivePeriod?.end;
  const start = fhirDay(rawStart, siteTimeZone);
  const periodEnd = fhirDay(rawEnd, siteTimeZone);
  const impreciseDate = (!!rawStart && !start) || (!!rawEnd && !periodEnd);
  let end = periodEnd;
  const authored = fhirDay(r.authoredOn, siteTimeZone);
  if (!end && resource.resourceType === 'MedicationRequest' && authored) {
    const repeats = Math.max(0, Math.floor(r.dispenseRequest?.numberOfRepeatsAllowed ?? 0));
    end = addDays(authored, supplyDays(r.dispenseRequest?.expectedSupplyDuration) * (1 + repeats));
  }
  if (!end && resource.status === 'active') end = evaluationDate;
  const period = {} as RecordPeriod;
  if (start) period.start = start;
  if (end) period.end = min(end, evaluationDate);
  period.impreciseDate = impreciseDate;
  return period;
}
