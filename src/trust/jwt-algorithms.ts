/** The asymmetric algorithms a CDS client may sign with; `none` and HS* can never be configured. */
export const JWT_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'RS256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
/** CDS Hooks 2.0 names ES384 and RS384; the 256-bit variants only when CDS_JWT_ALGORITHMS allows them. */
export const DEFAULT_JWT_ALGORITHMS: JwtAlgorithm[] = ['ES384', 'RS384'];
