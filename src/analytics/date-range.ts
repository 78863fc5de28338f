import { z } from 'zod';

const DAY_MS = 86_400_000;

/** An inclusive range of UTC days, as the analytics route and the report take it. */
export const dateRangeSchema = z
  .object({ from: z.iso.date(), to: z.iso.date() })
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
