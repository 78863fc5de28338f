import { addDays, daysBetween } from '../dates.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { DataNote, EvaluationContext, FindingResult } from '../types.ts';
import { type BotoxCourse, type BotoxCycle, groupCycles, latestCourse } from './botox-cycles.ts';
import { collectToxinUses, type ToxinUse } from './toxin-uses.ts';

export type { BotoxCourse, BotoxCycle };

/** onabotulinumtoxinA units given in a window, for the cumulative-dose order check. */
export interface OnabotulinumUnits {
  units: number;
  /** The records whose units were added (`Type/id`). */
  evidence: string[];
  /** Records that may add onabotulinumtoxinA in the window but state no dose in units, or no date (`Type/id`). */
  unknownDose: string[];
}

export interface ToxinAnalysis {
  /** All chronic-migraine cycles, oldest first. */
  cycles: BotoxCycle[];
  course?: BotoxCourse;
  /** For an inactive course: "previously treated: n cycles, last <date>" (n counts every cycle on record). */
  previouslyTreated?: { cycles: number; last: string };
  /**
   * `date`: the day of use (first day of a period); `through`: a period's last day; `ongoing`: an active statement
   * with no end (in use up to E, or D for orders).
   */
  otherToxinUses: { date?: string; through?: string; ongoing?: true; product: string; evidence: string[] }[];
  /** `other-botulinum-toxin`, judged at `at`. */
  findings: FindingResult[];
  /**
   * onabotulinumtoxinA units (every use, cosmetic included) given after `at - days` and up to `at` (the planned day
   * itself included: a dose already given that day is the safer side). Never adds units of other products.
   */
  onabotulinumUnits(at: string, days: number): OnabotulinumUnits;
  notes: DataNote[];
}

/**
 * Botulinum toxin history (clinical-rules 2.3, 3, 5): chronic-migraine cycles and the latest course at E, other
 * toxin use judged at `at` (D for orders; default E), and the cumulative onabotulinumtoxinA dose.
 *
 * @example analyzeToxin(record, ctx).course?.nextEligible // '2026-12-01'
 */
export function analyzeToxin(record: PatientRecord, ctx: EvaluationContext, at?: string): ToxinAnalysis {
  const E = ctx.evaluationDate;
  const p = ctx.policy;
  const judgedAt = at ?? E;
  const { uses, notes } = collectToxinUses(record, E, ctx.siteTimeZone);

  const cycles = groupCycles(
    uses
      .filter((u): u is ToxinUse & { date: string } => u.role === 'cycle' && !!u.date)
      .map((u) => ({
        date: u.date,
        evidence: u.evidence,
        indicationInferred: u.indicationInferred,
        ...(typeof u.onabotulinumUnits === 'number' ? { units: u.onabotulinumUnits } : {}),
      })),
    p.minIntervalDays,
  );
  const course = latestCourse(cycles, E, p);
  const last = cycles.at(-1);
  const previouslyTreated = course && !course.active && last ? { cycles: cycles.length, last: last.date } : undefined;

  const others = uses.filter((u) => u.role === 'other');
  const otherToxinUses = others.map((u) => ({
    ...(u.date ? { date: u.date } : {}),
    ...(u.through ? { through: u.through } : {}),
    ...(u.ongoing ? { ongoing: true as const } : {}),
    product: u.product,
    evidence: [u.evidence],
  }));
  const finding = otherToxinFinding(others, judgedAt, p.minIntervalDays, p.cumulativeLimitUnits);

  return {
    cycles,
    ...(course ? { course } : {}),
    ...(previouslyTreated ? { previouslyTreated } : {}),
    otherToxinUses,
    findings: finding ? [finding] : [],
    onabotulinumUnits(windowEnd, days) {
      return sumUnits(uses, windowEnd, days);
    },
    notes,
  };
}

/**
 * The last day a dated use counts as used, judged at `at`: the end of its period (clinical-rules 2: a period marks
 * every date from start to end), `at` itself for an active statement with no end (still in use: E, or D for orders),
 * else its day.
 */
function lastDayOfUse(use: ToxinUse, date: string, at: string): string {
  if (use.ongoing) return date > at ? date : at;
  return use.through ?? date;
}

/** onabotulinumtoxinA products: the same product as the order, whatever the indication (clinical-rules 11.16). */
const SAME_PRODUCT = new Set(['botox-therapeutic', 'botox-cosmetic']);

/**
 * A use of the same product (clinical-rules 5, 11.16): "BOTOX 50 U for cervical dystonia on <date>: counts toward
 * the 400 U per 3 months", with no "not interchangeable" line (that is for other products). The indication is the
 * record's reason, else "cosmetic" for BOTOX Cosmetic, else "another indication"; a cosmetic use also names its sites
 * when recorded and the date 12 weeks after it.
 */
function sameProductText(use: ToxinUse, when: string, lastDay: string | undefined, limitUnits: number): string {
  const cosmetic = use.productKind === 'botox-cosmetic';
  const name = cosmetic ? 'BOTOX Cosmetic' : 'BOTOX';
  const dose = typeof use.onabotulinumUnits === 'number' ? `${use.onabotulinumUnits} U` : '(dose not recorded)';
  const indication = use.indication ?? (cosmetic ? 'cosmetic' : 'another indication');
  const extras = cosmetic
    ? [
        ...(use.sites?.length ? [`sites: ${use.sites.join(', ')}`] : []),
        ...(lastDay ? [`12 weeks after: ${addDays(lastDay, 84)}`] : []),
      ]
    : [];
  return `${name} ${dose} for ${indication} ${when}${extras.length ? ` (${extras.join('; ')})` : ''}: counts toward the ${limitUnits} U per 3 months`;
}

/**
 * `other-botulinum-toxin` (clinical-rules 3): other toxin use dated <= `withinDays` (84) before `at`, a use over a
 * period by its last day, an active one with no end as in use at `at`; an undated record says "date unknown" unless
 * it is no longer active and was asserted before that window began. Other products (abo-, inco-, rima-, daxi-, a
 * product not named) add "Units are not interchangeable between products"; BOTOX for another indication does not.
 */
function otherToxinFinding(
  others: ToxinUse[],
  at: string,
  withinDays: number,
  limitUnits: number,
): FindingResult | undefined {
  const hits: { use: ToxinUse; text: string }[] = [];
  for (const use of others) {
    const same = use.productKind !== undefined && SAME_PRODUCT.has(use.productKind);
    if (use.date) {
      const last = lastDayOfUse(use, use.date, at);
      const ago = daysBetween(last, at);
      // A use after `at` (an order planned before a later recorded use) is just as close: it counts too.
      if (ago > withinDays) continue;
      if (same) {
        const when = use.ongoing
          ? `since ${use.date} (ongoing)`
          : use.through
            ? `from ${use.date} to ${use.through}`
            : `on ${use.date}`;
        hits.push({ use, text: sameProductText(use, when, use.ongoing ? undefined : last, limitUnits) });
        continue;
      }
      const agoText = ago >= 0 ? ` (${ago} days before)` : '';
      const text = use.ongoing
        ? `${use.product} since ${use.date} (active: ongoing)`
        : use.through
          ? `${use.product} from ${use.date} to ${use.through}${ago >= 0 ? ` (last day ${ago} days before)` : ''}`
          : `${use.product} on ${use.date}${agoText}`;
      hits.push({ use, text });
    } else if (use.ongoing || !use.latestPossible || daysBetween(use.latestPossible, at) <= withinDays) {
      const unknown = `(date unknown${use.latestPossible ? `, reported ${use.latestPossible}` : ''})`;
      hits.push({
        use,
        text: same ? sameProductText(use, unknown, undefined, limitUnits) : `${use.product} ${unknown}`,
      });
    }
  }
  if (!hits.length) return undefined;
  const otherProduct = hits.some((h) => h.use.productKind === undefined || !SAME_PRODUCT.has(h.use.productKind));
  return {
    id: 'other-botulinum-toxin',
    severity: 'caution',
    evidence: [...new Set(hits.map((h) => h.use.evidence).filter((e) => /^[A-Za-z]+\/[^\s/]+$/.test(e)))],
    summary: `Other botulinum toxin within ${withinDays} days: ${hits.map((h) => h.text).join('; ')}.${otherProduct ? ' Units are not interchangeable between products.' : ''}`,
  };
}

/**
 * Cumulative onabotulinumtoxinA units in (at - days, at]; records of a 64615 visit with an administration are not
 * counted twice. A use recorded over a period (a statement "BOTOX Cosmetic 50 U" from March to June; an active one
 * with no end runs up to `at`) is counted, once, when any part of its period falls in the window: the period does not
 * say on which of its days the dose was given, and counting it is the safer side for a maximum-dose check. An undated
 * record is a dose of unknown date unless it is no longer active and was asserted before the window began.
 */
function sumUnits(uses: ToxinUse[], at: string, days: number): OnabotulinumUnits {
  let units = 0;
  const evidence: string[] = [];
  const unknownDose: string[] = [];
  const administrations = uses.filter((u) => !u.procedure && u.date);
  for (const use of uses) {
    if (use.onabotulinumUnits === 'none') continue;
    if (!use.date) {
      if (use.ongoing || !use.latestPossible || daysBetween(use.latestPossible, at) < days)
        unknownDose.push(use.evidence);
      continue;
    }
    // In the window when it starts on or before `at` and its last day is after `at - days`.
    const ago = daysBetween(use.date, at);
    const lastAgo = daysBetween(lastDayOfUse(use, use.date, at), at);
    if (ago < 0 || lastAgo >= days) continue;
    if (use.procedure) {
      // The product and dose of a chemodenervation visit are on its administration record, when there is one.
      const covered = administrations.some((a) => Math.abs(daysBetween(a.date as string, use.date as string)) <= 1);
      if (!covered) unknownDose.push(use.evidence);
      continue;
    }
    if (typeof use.onabotulinumUnits === 'number') {
      units += use.onabotulinumUnits;
      evidence.push(use.evidence);
    } else unknownDose.push(use.evidence);
  }
  return { units, evidence, unknownDose };
}
