import { spawnSync } from 'node:child_process';
import { ASSESSMENT_EXTENSION, logCardsOf } from '../../src/cds/card-log-summary.ts';
import { cycleOrderPlan } from '../../src/cds/cards/botox-order-resources.ts';
import { candidacyCard } from '../../src/cds/cards/candidacy-card.ts';
import { parseRequest } from '../../src/cds/parse-request.ts';
import { checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { recordFromPrefetch } from '../../src/cds/services/record-from-prefetch.ts';
import { createServices, SERVICE_IDS } from '../../src/cds/services/registry.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { createJsonLogger } from '../../src/log/logger.ts';
import { createPrefetchOnlyResolver } from '../../src/prefetch/prefetch-only-resolver.ts';
import { offerPriorAuth, withPriorAuth } from '../../src/prior-auth/card-offer.ts';
import { SERVICE_NODE_FLAGS } from '../../src/runtime-flags.ts';
import { round } from './load.ts';
import { canPin } from './spawn-server.ts';

/** The steps of one `botox-candidacy` call with a full prefetch, in the order the route runs them. */
export const STAGES = [
  'parse',
  'request',
  'prefetch',
  'record',
  'assessment',
  'card',
  'responseCheck',
  'logSummary',
  'serialise',
] as const;
export type Stage = (typeof STAGES)[number];

/** Time per step of one call, in-process (no HTTP, no socket, no card log write, no request log line). */
export interface StageFigures {
  runs: number;
  /** Median time of each step, microseconds. */
  medianUs: Record<Stage, number>;
  /** Sum of the medians. */
  totalUs: number;
  /** Everything but `parse`: what the service does beyond the ceiling's work. */
  beyondParseUs: number;
  /** `beyondParseUs / medianUs.parse`: a ratio service/ceiling of 0.5 needs about 1 or less, HTTP aside. */
  beyondParseOverParse: number;
}

export interface StageBenchOptions {
  evaluationDate: string;
  warmupRuns: number;
  runs: number;
}

/** The instant of every staged call: the prior-authorization DocumentReference's date must match the handler's. */
const ASSESSED_AT = '2026-01-01T12:00:00.000Z';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Splits the service's own work on the bench body into the steps of the route (src/cds/routes.ts) and the candidacy
 * service (src/cds/services/candidacy-service.ts), each timed on every call with a fresh `JSON.parse`, as every request
 * has. Before timing, the staged answer is checked against the service's own handler (card UUIDs aside), so that
 * the steps cannot drift from what the service does.
 */
export async function benchStages(body: string, options: StageBenchOptions): Promise<StageFigures> {
  const service = createServices().find((s) => s.id === SERVICE_IDS.candidacy);
  if (!service) throw new Error('the candidacy service is not registered');
  const policy = loadPolicy('default');
  const resolver = createPrefetchOnlyResolver();
  const context = { evaluationDate: options.evaluationDate, siteTimeZone: 'UTC' };
  const times: Record<Stage, number[]> = Object.fromEntries(STAGES.map((s) => [s, []])) as never;

  const once = async (keep: boolean): Promise<string> => {
    const t: number[] = [performance.now()];
    const parsed: unknown = JSON.parse(body);
    t.push(performance.now());
    const request = parseRequest(parsed, service);
    t.push(performance.now());
    const data = await resolver.resolve(service.prefetch, request);
    t.push(performance.now());
    const patientId = request.context.patientId as string;
    const record = recordFromPrefetch(data, patientId);
    t.push(performance.now());
    const assessment = assessCandidacy(record, policy, context);
    t.push(performance.now());
    const plan = cycleOrderPlan(record.conditions, assessment.cycles.at(-1), context.evaluationDate, 'UTC');
    const card = assessment.inScope ? candidacyCard(assessment, policy, { patientId, plan }) : undefined;
    // The prior-authorization summary the service adds to the card (src/prior-auth), with the call's instant.
    const offer = card
      ? await offerPriorAuth({
          assessment,
          policy,
          patientId,
          ...(record.patient ? { patient: record.patient } : {}),
          hookInstance: request.hookInstance,
          assessedAt: ASSESSED_AT,
        })
      : undefined;
    const response = { cards: card ? [withPriorAuth(card, offer)] : [] };
    t.push(performance.now());
    const problems = checkCdsResponse(response);
    t.push(performance.now());
    const logged = logCardsOf(response);
    t.push(performance.now());
    const json = JSON.stringify(response);
    t.push(performance.now());
    if (problems.length || logged.length !== response.cards.length) throw new Error('the staged answer is invalid');
    if (keep) {
      for (const [i, stage] of STAGES.entries()) times[stage].push(((t[i + 1] as number) - (t[i] as number)) * 1000);
    }
    return json;
  };

  const staged = await once(false);
  const request = parseRequest(JSON.parse(body), service);
  const handled = await service.handle({
    request,
    data: () => resolver.resolve(service.prefetch, request),
    ...context,
    assessedAt: ASSESSED_AT,
    policy,
    logger: createJsonLogger('error', (line) => process.stderr.write(`${line}\n`)),
  });
  if (staged.replace(UUID, 'u') !== JSON.stringify(handled).replace(UUID, 'u')) {
    throw new Error('the staged call answers differently from the candidacy service');
  }
  if (!staged.includes(ASSESSMENT_EXTENSION)) throw new Error('the bench body gave no assessment card');

  for (let i = 0; i < options.warmupRuns; i++) await once(false);
  for (let i = 0; i < options.runs; i++) await once(true);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const medianUs = Object.fromEntries(STAGES.map((s) => [s, round(median(times[s]), 1)])) as Record<Stage, number>;
  const totalUs = STAGES.reduce((a, s) => a + medianUs[s], 0);
  const beyondParseUs = totalUs - medianUs.parse;
  return {
    runs: options.runs,
    medianUs,
    totalUs: round(totalUs, 1),
    beyondParseUs: round(beyondParseUs, 1),
    beyondParseOverParse: round(beyondParseUs / medianUs.parse, 2),
  };
}

/**
 * `benchStages` in a fresh child process, as the service runs: on the service's core (`taskset -c core`), with its V8
 * flags, and without the heap of the runner, which by then has run the load generator and the engine bench (in it,
 * the same steps took up to twice as long).
 */
export function benchStagesInChild(body: string, options: StageBenchOptions, core = 0): StageFigures {
  const script = new URL('./stage-child.ts', import.meta.url).pathname;
  const nodeArgv = [process.execPath, ...SERVICE_NODE_FLAGS, '--import', 'tsx', script];
  const [command, ...args] = canPin ? ['taskset', '-c', String(core), ...nodeArgv] : nodeArgv;
  const child = spawnSync(command as string, args, {
    input: JSON.stringify({ body, options }),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: 300_000,
  });
  if (child.status !== 0) throw new Error(`the steps bench failed: ${(child.stderr ?? '').slice(-2000)}`);
  return JSON.parse(child.stdout) as StageFigures;
}
