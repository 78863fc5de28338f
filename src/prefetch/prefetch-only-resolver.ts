import { preconditionFailed } from '../http/operation-outcome.ts';
import { readPrefetchValue } from './from-prefetch.ts';
import type { PrefetchData, PrefetchResolver } from './types.ts';

/** Uses only what the client prefetched; never contacts a FHIR server. */
export function createPrefetchOnlyResolver(): PrefetchResolver {
  return {
    async resolve(spec, request) {
      const data: PrefetchData = {};
      for (const [key, keySpec] of Object.entries(spec)) {
        data[key] = readPrefetchValue(request.prefetch?.[key]) ?? {
          status: 'unavailable',
          reason: 'not prefetched and not fetched',
        };
        if (data[key].status === 'unavailable' && keySpec.required) {
          throw preconditionFailed(`Required prefetch "${key}" (${keySpec.label}) was not provided`, [
            `prefetch.${key}`,
          ]);
        }
      }
      return data;
    },
  };
}
