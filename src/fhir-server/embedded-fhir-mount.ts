import type { Resource } from '@medplum/fhirtypes';
import type { Hono } from 'hono';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import type { AppConfig } from '../config.ts';
import { createEmbeddedFhirServer } from './embedded-fhir-server.ts';

/** Gives the resources the embedded FHIR server serves, for an evaluation date (fixture dates are relative to it). */
export type EmbeddedFhirResources = (evaluationDate: string) => Resource[] | Promise<Resource[]>;

/** The default: the synthetic fixture panel of fhir-fixtures/, dated relative to the evaluation date. */
export const defaultEmbeddedFhirResources: EmbeddedFhirResources = (evaluationDate) =>
  fixturePanel(evaluationDate).resources;

/** The `/fhir` mount of the app: the embedded read-only FHIR server over the given resources. */
export async function embeddedFhirMount(
  config: Pick<AppConfig, 'publicBaseUrl' | 'NODE_ENV'>,
  evaluationDate: string,
  resources: EmbeddedFhirResources = defaultEmbeddedFhirResources,
): Promise<{ path: string; app: Hono }> {
  const app = createEmbeddedFhirServer({
    resources: await resources(evaluationDate),
    baseUrl: `${config.publicBaseUrl}/fhir`,
    // A running service loads the panel at start-up; tests build many apps and load only what they call.
    warm: config.NODE_ENV !== 'test',
  });
  return { path: '/fhir', app };
}
