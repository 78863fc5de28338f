import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, fhirDayNumber } from '../dates.ts';

/** The days of an Observation's dates (day precision only, as fhirDay reads them): each read once per Observation. */
export interface ObservationDays {
  dateTime: DayNumber | undefined;
  instant: DayNumber | undefined;
  periodStart: DayNumber | undefined;
  periodEnd: DayNumber | undefined;
}

export function emptyObservationDays(): ObservationDays {
  return { dateTime: undefined, instant: undefined, periodStart: undefined, periodEnd: undefined };
}

/** Reads the days of `obs` into `into` (a scratch object reused across Observations) and returns it. */
export function readObservationDays(obs: Observation, zone: string, into: ObservationDays): ObservationDays {
  into.dateTime = dayOf(obs.effectiveDateTime, zone);
  into.instant = dayOf(obs.effectiveInstant, zone);
  const period = obs.effectivePeriod;
  into.periodStart = period ? dayOf(period.start, zone) : undefined;
  into.periodEnd = period ? dayOf(period.end, zone) : undefined;
  return into;
}

/** fhirDayNumber, with the absent value (three of an Observation's four dates) answered without the call. */
function dayOf(value: string | undefined, zone: string): DayNumber | undefined {
  return value === undefined ? undefined : fhirDayNumber(value, zone);
}

const MONTH = /^\d{4}-\d{2}$/;

/** A day the value mentions: `day` (its day-precision reading), else a month-precision value's 1st day. */
function mentionedDay(value: unknown, day: DayNumber | undefined): DayNumber | undefined {
  if (day !== undefined || typeof value !== 'string' || !MONTH.test(value)) return day;
  return fhirDayNumber(`${value}-01`);
}

function within(value: unknown, day: DayNumber | undefined, from: DayNumber, to: DayNumber): boolean {
  const d = mentionedDay(value, day);
  return d !== undefined && d >= from && d <= to;
}

/**
 * Whether the Observation mentions a day in [from, to] (dateTime, instant, period start or end; month precision as
 * its 1st day), given its days as readObservationDays read them. The scope rule (criteria 3) asks it of every diary
 * entry and summary, whatever its other defects.
 */
export function mentionsDayIn(obs: Observation, days: ObservationDays, from: DayNumber, to: DayNumber): boolean {
  return (
    within(obs.effectiveDateTime, days.dateTime, from, to) ||
    within(obs.effectiveInstant, days.instant, from, to) ||
    within(obs.effectivePeriod?.start, days.periodStart, from, to) ||
    within(obs.effectivePeriod?.end, days.periodEnd, from, to)
  );
}
