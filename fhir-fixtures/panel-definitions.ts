import { cmCandidateDaily } from './patients/cm-candidate-daily.ts';
import { cmCandidateMonthly } from './patients/cm-candidate-monthly.ts';
import { cmCautionCosmeticToxin } from './patients/cm-caution-cosmetic-toxin.ts';
import { cmCautionMyasthenia } from './patients/cm-caution-myasthenia.ts';
import { cmContraScalpInfection } from './patients/cm-contra-scalp-infection.ts';
import { cmContraToxinAllergy } from './patients/cm-contra-toxin-allergy.ts';
import { cmDailyTriptanOveruse } from './patients/cm-daily-triptan-overuse.ts';
import { cmDiaryTooShort } from './patients/cm-diary-too-short.ts';
import { cmDiaryUnlogged } from './patients/cm-diary-unlogged.ts';
import { cmMedicationOveruse } from './patients/cm-medication-overuse.ts';
import { cmMidasResponse } from './patients/cm-midas-response.ts';
import { cmMinor } from './patients/cm-minor.ts';
import { cmMohDiagnosis } from './patients/cm-moh-diagnosis.ts';
import { cmNoPreventivesTried } from './patients/cm-no-preventives-tried.ts';
import { cmNonResponding } from './patients/cm-non-responding.ts';
import { cmOnTreatmentDue } from './patients/cm-on-treatment-due.ts';
import { cmOnTreatmentTooEarly } from './patients/cm-on-treatment-too-early.ts';
import { cmOneClassFailed } from './patients/cm-one-class-failed.ts';
import { cmResponding } from './patients/cm-responding.ts';
import { cmTrialTooShort } from './patients/cm-trial-too-short.ts';
import { migraineEpisodic } from './patients/migraine-episodic.ts';
import { noMigraine } from './patients/no-migraine.ts';
import type { FixtureDefinition } from './types.ts';

/** Every patient of the panel, in the order the README table lists them. */
export const PANEL_DEFINITIONS: readonly FixtureDefinition[] = [
  cmCandidateDaily,
  cmCandidateMonthly,
  cmCautionCosmeticToxin,
  cmCautionMyasthenia,
  migraineEpisodic,
  cmDiaryTooShort,
  cmNoPreventivesTried,
  cmOneClassFailed,
  cmTrialTooShort,
  cmContraToxinAllergy,
  cmContraScalpInfection,
  cmMinor,
  cmMedicationOveruse,
  cmOnTreatmentDue,
  cmOnTreatmentTooEarly,
  cmResponding,
  cmNonResponding,
  noMigraine,
  cmDailyTriptanOveruse,
  cmMohDiagnosis,
  cmMidasResponse,
  cmDiaryUnlogged,
];
