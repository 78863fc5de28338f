import { addDays, daysBetween } from '../dates.ts';

/** One chronic-migraine treatment session: the records of one injection visit, grouped. */
export interface BotoxCycle {
  /** The cycle's date: its earliest record. */
  date: string;
  lastRecordDate: string;
  /** lastRecordDate + minIntervalDays (84). */
  nextEligible: string;
  /** Every record of the cycle was BOTOX given with no reason, no 64615 and no other toxin indication. */
  indicationInferred: boolean;
  /** onabotulinumtoxinA units the cycle's records state (summed); absent when none states a dose in units. */
  units?: number;
  evidence: string[];
}

/** The latest run of cycles with no gap longer than `courseLapseDays` (clinical-rules 2.3). */
export interface BotoxCourse {
  cycles: BotoxCycle[];
  /** The last cycle is within `courseLapseDays` before E. */
  active: boolean;
  first: string;
  second?: string;
  last: BotoxCycle;
  nextEligible: string;
  /** nextEligible <= E. */
  due: boolean;
  /** More than `overdueDays` (112) since the last cycle's last record. */
  overdue: boolean;
}

export interface CycleRecord {
  date: string;
  evidence: string;
  indicationInferred: boolean;
  /** Units stated on the record (administrations); a 64615 Procedure states none. */
  units?: number;
}

/**
 * Groups dated cycle records (clinical-rules 2.3): sorted by date, a cycle starts at the earliest record not yet
 * grouped and takes every record dated <= `groupDays` (6) after that start; next eligible = last record + interval.
 */
export function groupCycles(records: CycleRecord[], minIntervalDays: number, groupDays = 6): BotoxCycle[] {
  const sorted = [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const cycles: BotoxCycle[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!.date;
    const members: CycleRecord[] = [];
    while (i < sorted.length && daysBetween(start, sorted[i]!.date) <= groupDays) members.push(sorted[i++]!);
    const lastRecordDate = members.at(-1)!.date;
    const dosed = members.filter((m) => m.units !== undefined);
    cycles.push({
      date: start,
      lastRecordDate,
      nextEligible: addDays(lastRecordDate, minIntervalDays),
      indicationInferred: members.every((m) => m.indicationInferred),
      ...(dosed.length ? { units: dosed.reduce((t, m) => t + m.units!, 0) } : {}),
      evidence: [...new Set(members.map((m) => m.evidence))],
    });
  }
  return cycles;
}

/** The latest course: cycles back from the newest while no gap between cycle dates exceeds `courseLapseDays`. */
export function latestCourse(
  cycles: BotoxCycle[],
  evaluationDate: string,
  p: { courseLapseDays: number; overdueDays: number },
): BotoxCourse | undefined {
  if (!cycles.length) return undefined;
  let start = cycles.length - 1;
  while (start > 0 && daysBetween(cycles[start - 1]!.date, cycles[start]!.date) <= p.courseLapseDays) start--;
  const course = cycles.slice(start);
  const last = course.at(-1)!;
  return {
    cycles: course,
    active: daysBetween(last.date, evaluationDate) <= p.courseLapseDays,
    first: course[0]!.date,
    ...(course[1] ? { second: course[1].date } : {}),
    last,
    nextEligible: last.nextEligible,
    due: last.nextEligible <= evaluationDate,
    overdue: daysBetween(last.lastRecordDate, evaluationDate) > p.overdueDays,
  };
}
