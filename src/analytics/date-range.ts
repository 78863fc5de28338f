import { z } from 'zod';

const DAY_MS = 86_400_000;

/**
 * The days a range may name: the card log holds nothing older than the service, and the store has no year 0 and no
 * day after 9999-12-31 to end a range on.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';

const day = z.iso.date().refine((d) => d >= FIRST_DAY && d <= LAST_DAY, `a day between ${FIRST_DAY} and ${LAST_DAY}`);

/** An inclusive range of UTC days, as the analytics route and the report take it. */
export const dateRangeSchema = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] });

export type DateRange = z.infer<typeof dateRangeSchema>;

/** The instants bounding an inclusive range of UTC days: `[start, end)`. */
export function rangeBounds(range: DateRange): { start: string; end: string } {
  const start = new Date(`${range.from}T00:00:00.000Z`);
  const end = new Date(Date.parse(`${range.to}T00:00:00.000Z`) + DAY_MS);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** The `days` UTC days ending with the day of `now`: the default range of the analytics route. */
export function lastDays(now: Date, days: number): DateRange {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00.000Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}
