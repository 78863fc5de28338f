/** One FHIR_SERVER_ALLOWLIST entry, ready to match. */
export interface AllowlistEntry {
  /** The entry as configured (safe to log: it is configuration, not request data). */
  entry: string;
  /** True when the entry names its host outright (no `*`): only then may the host be loopback or private. */
  explicit: boolean;
  matches(baseUrl: URL): boolean;
}

/** `https://host:port/path` without query, fragment, credentials or trailing slash; hosts lower-cased by URL. */
export function normalisedBase(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Parses allowlist entries. An entry is a base-URL prefix (`https://fhir.example.org/r4`), matched on whole path
 * segments so that `https://fhir.example.org` does not admit `https://fhir.example.org.evil.test`; or a pattern
 * where `*` stands for any characters except `/` (`https://*.fhir.example.org/api/FHIR/R4`).
 */
export function parseAllowlist(entries: readonly string[]): AllowlistEntry[] {
  return entries.map((entry) => {
    if (entry.includes('*')) {
      const body = entry
        .replace(/\/+$/, '')
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*');
      const pattern = new RegExp(`^${body}(?:/|$)`, 'i');
      return { entry, explicit: false, matches: (url: URL) => pattern.test(normalisedBase(url)) };
    }
    let prefix: string;
    try {
      prefix = normalisedBase(new URL(entry));
    } catch {
      prefix = entry.replace(/\/+$/, '');
    }
    return {
      entry,
      explicit: true,
      matches: (url: URL) => {
        const base = normalisedBase(url);
        return base === prefix || base.startsWith(`${prefix}/`);
      },
    };
  });
}
