import { type DiscoveryService, discoveryResponseSchema } from './schemas/discovery.ts';
import type { CdsServiceDefinition } from './service.ts';

/** The discovery response, built from the same registry that routes calls, and validated once at start-up. */
export function discoveryDocument(services: CdsServiceDefinition[]): { services: DiscoveryService[] } {
  const doc = {
    services: services.map((s) => ({
      hook: s.hook,
      id: s.id,
      title: s.title,
      description: s.description,
      prefetch: Object.fromEntries(Object.entries(s.prefetch).map(([k, v]) => [k, v.template])),
      ...(s.usageRequirements ? { usageRequirements: s.usageRequirements } : {}),
      hookVersion: '1.0',
    })),
  };
  return discoveryResponseSchema.parse(doc);
}
