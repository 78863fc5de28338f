import { z } from 'zod';

/**
 * A value set as data (clinical-rules: "codes live in data files with their source"). `verify: true` marks
 * entries taken from secondary sources or memory: they are used, but stay flagged until a reviewer confirms them.
 */
export const valueSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  verify: z.boolean(),
  include: z
    .array(
      z.strictObject({
        system: z.url(),
        code: z.string().min(1),
        display: z.string().min(1).optional(),
        /** `prefix` matches every code that starts with `code` (ICD-10-CM `G43.70` matches `G43.701`). */
        match: z.enum(['exact', 'prefix']).default('exact'),
        verify: z.boolean().optional(),
      }),
    )
    .default([]),
  /** Case-insensitive regular expressions tried on `text` and displays when no code matched. */
  text: z.array(z.strictObject({ pattern: z.string().min(1), verify: z.boolean().optional() })).default([]),
  /** Texts that must not match even when a text pattern does (e.g. "cosmetic" for therapeutic products). */
  excludeText: z.array(z.string().min(1)).default([]),
  /**
   * Systems whose codes this set lists completely for diagnoses: a Condition coded in one of them is decided by that
   * code alone, and its text is not read (`matchDiagnosis`). Only for sets where a missed match is the safe side.
   */
  decidesDiagnosesCodedIn: z.array(z.url()).default([]),
});

export type ValueSet = z.infer<typeof valueSetSchema>;
