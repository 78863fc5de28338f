import { z } from 'zod';
import { POLICY_IDS } from './engine/policy/load-policy.ts';
import { DEFAULT_JWT_ALGORITHMS, JWT_ALGORITHMS, type JwtAlgorithm } from './trust/jwt-algorithms.ts';

const bool = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
/** A URL with one of `protocols` and a host; the message names what was expected, never the value (it may hold a password). */
const urlOf = (protocols: string[], example: string) =>
  z.string().refine(
    (v) => {
      if (!URL.canParse(v)) return false;
      const url = new URL(v);
      return protocols.includes(url.protocol) && (url.hostname !== '' || url.searchParams.has('host'));
    },
    { message: `not a valid URL (expected ${example})` },
  );

/**
 * Every environment variable the service reads, validated once at start-up. docs/configuration.md's table
 * documents each of them; keep the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** One base URL, or several comma-separated (the first is used for links); see docs/authentication.md. */
  PUBLIC_BASE_URL: list.pipe(z.array(urlOf(['http:', 'https:'], 'https://host[:port][/path]')).min(1)).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CORS_ORIGINS: list.optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),

  CDS_POLICY: z
    .string()
    .refine((id) => POLICY_IDS.includes(id), { message: `unknown policy (known: ${POLICY_IDS.join(', ')})` })
    .default('default'),
  SITE_TIME_ZONE: z.string().min(1).default('UTC'),
  /** Fixes the evaluation date (YYYY-MM-DD) for demos and reproducible reviews; normally today in SITE_TIME_ZONE. */
  EVALUATION_DATE: z.iso.date().optional(),

  FHIR_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  FHIR_MAX_PAGES: z.coerce.number().int().positive().default(20),
  FHIR_SERVER_ALLOWLIST: list.optional(),
  EMBEDDED_FHIR: bool.optional(),

  CDS_AUTH: z.enum(['off', 'verify']).optional(),
  CDS_TRUSTED_ISSUERS: z.string().min(1).optional(),
  /** Lets production start although the trust file trusts the public CDS Hooks sandbox issuer (demos only). */
  CDS_ALLOW_SANDBOX_ISSUER: bool.optional(),
  CDS_JWT_ALGORITHMS: list.pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)).optional(),
  REDIS_URL: urlOf(['redis:', 'rediss:'], 'redis://host:6379').optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('migraine-cds:'),

  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlOf(['postgres:', 'postgresql:'], 'postgres://user@host:5432/db').optional(),
  ADMIN_TOKEN: z.string().min(16).optional(),
  PATIENT_KEY_SECRET: z.string().min(16).optional(),
  CARD_LOG_RETENTION_DAYS: z.coerce.number().int().positive().default(365),

  TIMELINE_LINKS: bool.optional(),
  TIMELINE_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig extends Omit<Env, 'EMBEDDED_FHIR'> {
  EMBEDDED_FHIR: boolean;
  /** The URL clients call, without a trailing slash: card and timeline links are built from it (publicBaseUrls[0]). */
  publicBaseUrl: string;
  /** Every base URL the service is called under: a JWT's `aud` may be the endpoint's URL under any of them. */
  publicBaseUrls: string[];
  corsOrigins: string[];
  production: boolean;
  /** CDS_AUTH resolved: `verify` by default in production, `off` elsewhere. */
  cdsAuth: 'off' | 'verify';
  jwtAlgorithms: JwtAlgorithm[];
  /** TIMELINE_LINKS resolved: on in development and test, off in production unless set explicitly. */
  timelineLinks: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment, failing fast with every problem named on one line (never the values: they may be secrets).
 * Called before anything is opened, so that a mistake stops the service at once (main.ts exits with code 2).
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    // The message names the variable as it is set; an entry of a comma-separated list is counted from 1.
    const problems = parsed.error.issues.map((i) => {
      const [name, index] = i.path;
      const entry = typeof index === 'number' ? ` (entry ${index + 1} of the list)` : '';
      return `${String(name)}: ${i.message}${entry}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Outside production the service answers on loopback under either name (the sandbox may be given either).
  const defaultBases = production
    ? [`http://localhost:${e.PORT}`]
    : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`];
  const publicBaseUrls = [...new Set((e.PUBLIC_BASE_URL ?? defaultBases).map((u) => u.replace(/\/+$/, '')))];
  const publicBaseUrl = publicBaseUrls[0] as string;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.SITE_TIME_ZONE });
  } catch {
    throw new ConfigError(`Invalid configuration: SITE_TIME_ZONE: not an IANA time zone`);
  }
  // Production never falls back to `off`: it must be chosen explicitly. Verifying with no trusted issuer would refuse
  // every call, so that is a start-up error too (development falls back to the sandbox trust file instead).
  const cdsAuth = e.CDS_AUTH ?? (production ? 'verify' : 'off');
  if (cdsAuth === 'verify' && !e.CDS_TRUSTED_ISSUERS && e.NODE_ENV !== 'development') {
    throw new ConfigError(
      `Invalid configuration: CDS_TRUSTED_ISSUERS: required when CDS_AUTH is verify${e.CDS_AUTH ? '' : ' (the production default; CDS_AUTH=off must be set explicitly)'}`,
    );
  }
  return {
    ...e,
    // Synthetic demo patients are served by default except in production, where they must be asked for.
    EMBEDDED_FHIR: e.EMBEDDED_FHIR ?? !production,
    publicBaseUrl,
    publicBaseUrls,
    corsOrigins: e.CORS_ORIGINS ?? (production ? [] : ['*']),
    production,
    cdsAuth,
    jwtAlgorithms: e.CDS_JWT_ALGORITHMS ?? DEFAULT_JWT_ALGORITHMS,
    timelineLinks: e.TIMELINE_LINKS ?? !production,
  };
}
