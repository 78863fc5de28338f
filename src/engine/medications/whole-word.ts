/** A case-insensitive whole-word pattern for a drug name; spaces and hyphens inside the name match either. */
export function wholeWordPattern(name: string): RegExp {
  const body = name
    .trim()
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s-]*');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}
