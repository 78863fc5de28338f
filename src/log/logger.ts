/**
 * Structured JSON logs, one object per line. Callers pass only what is safe to keep: ids, statuses, timings.
 * Never pass request bodies, FHIR resources, JWTs or access tokens. As a last line of defence, any string value that
 * looks like a JWT or a bearer token is masked before it is written.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const JWT_LIKE = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const BEARER = /(bearer\s+)[^\s",]+/gi;

const MAYBE_SECRET = /eyJ|bearer/i;

export function maskSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  return text.replace(JWT_LIKE, '[jwt]').replace(BEARER, '$1[token]');
}

function sanitise(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (value instanceof Error) return { name: value.name, message: maskSecrets(value.message) };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => sanitise(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (Object.hasOwn(value, k)) out[k] = sanitise((value as Record<string, unknown>)[k], depth + 1);
  }
  return out;
}

export function createJsonLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const min = LEVELS[level];
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVELS[lvl] < min) return;
    const record = {
      time: new Date().toISOString(),
      level: lvl,
      msg: maskSecrets(msg),
      ...(sanitise(fields ?? {}) as object),
    };
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that keeps lines in memory: for tests that assert on what would have been logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createJsonLogger('debug', (l) => lines.push(l)),
    { lines },
  );
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
