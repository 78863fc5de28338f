import type { z } from 'zod';
import drugClasses from '../../terminology/medications/drug-classes.json' with { type: 'json' };
import neuromuscular from '../../terminology/medications/neuromuscular-transmission-drugs.json' with { type: 'json' };
import neutralReasons from '../../terminology/medications/neutral-reasons.json' with { type: 'json' };
import outcomes from '../../terminology/medications/preventive-outcomes.json' with { type: 'json' };
import routes from '../../terminology/medications/routes.json' with { type: 'json' };
import {
  type DrugCatalog,
  drugCatalogSchema,
  type NeuromuscularCatalog,
  type NeutralReasons,
  neuromuscularCatalogSchema,
  neutralReasonSchema,
  type OutcomeMapping,
  outcomeMappingSchema,
  type RouteCatalog,
  routeCatalogSchema,
} from './drug-catalog-schema.ts';

/** Validates a terminology file; a bad file fails at start-up with the problems named. */
export function parseCatalog<T>(name: string, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${name} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** The medication terminology files of src/terminology/medications, validated once at load. */
export interface MedicationTerminology {
  drugs: DrugCatalog;
  neuromuscular: NeuromuscularCatalog;
  routes: RouteCatalog;
  outcomes: OutcomeMapping;
  neutralReasons: NeutralReasons;
}

let cache: MedicationTerminology | undefined;

/** Loads and validates the medication terminology data (cached). */
export function medicationTerminology(): MedicationTerminology {
  cache ??= {
    drugs: parseCatalog('drug-classes.json', drugCatalogSchema, drugClasses),
    neuromuscular: parseCatalog('neuromuscular-transmission-drugs.json', neuromuscularCatalogSchema, neuromuscular),
    routes: parseCatalog('routes.json', routeCatalogSchema, routes),
    outcomes: parseCatalog('preventive-outcomes.json', outcomeMappingSchema, outcomes),
    neutralReasons: parseCatalog('neutral-reasons.json', neutralReasonSchema, neutralReasons),
  };
  return cache;
}
