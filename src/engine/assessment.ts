import type { ChartDiagnosis } from './diagnosis/chart-diagnosis.ts';
import type { DiarySeriesPoint, DiaryWindow, MedicationOveruseAssessment } from './diary/analyze-diary.ts';
import type { ResponseAssessment } from './diary/assess-response.ts';
import type { PreventiveTrial } from './medications/analyze-preventives.ts';
import type { BotoxCycle } from './toxin/analyze-toxin.ts';
import type { AssessmentStatus, CriterionResult, DataNote, FindingResult } from './types.ts';

export type Indicator = 'info' | 'warning' | 'critical';

/** Where an ongoing course stands (clinical-rules 3, "On treatment"). */
export interface TreatmentSummary {
  cycles: number;
  firstCycle: string;
  lastCycle: string;
  nextEligible: string;
  due: boolean;
  overdue: boolean;
  response: ResponseAssessment;
  /** Set when a stop rule fires (non-response after the review cycles; NICE episodic for 3 months). */
  stopAdvice?: string;
  /** The windows before the first cycle the starting criteria were judged on (clinical-rules 3, 11.12). */
  baselineWindows?: DiaryWindow[];
  evidence: string[];
}

/** The outcome of the decision for one patient, with everything a card or a timeline shows. */
export interface Assessment {
  inScope: boolean;
  status: AssessmentStatus;
  indicator: Indicator;
  evaluationDate: string;
  /** The date age, infection and other toxin use were judged at (D for orders, else E). */
  judgedAt: string;
  policy: { id: string; version: string; title: string };
  criteria: CriterionResult[];
  findings: FindingResult[];
  /** The chart's chronic-migraine diagnosis (clinical-rules 11, item 15), for a prior-authorization request. */
  diagnosis?: ChartDiagnosis;
  treatment?: TreatmentSummary;
  previouslyTreated?: { cycles: number; last: string };
  trials: PreventiveTrial[];
  /** Every chronic-migraine cycle on record, oldest first (the course's and earlier ones). */
  cycles: BotoxCycle[];
  diaryWindows: DiaryWindow[];
  /** Monthly headache/migraine days over the whole record, for the timeline chart. */
  diarySeries: DiarySeriesPoint[];
  /** How medication overuse was assessed (daily records, summaries, not assessed; a diagnosis), 2.1 and 11.5-11.7. */
  medicationOveruse: MedicationOveruseAssessment;
  notes: DataNote[];
}
