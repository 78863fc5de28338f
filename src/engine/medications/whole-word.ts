/** The regex body of a drug name: special characters escaped; spaces and hyphens inside the name match either. */
export function wholeWordBody(name: string): string {
  return name
    .trim()
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s-]*');
}
