import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The one HAProxy configuration, shared with compose.yaml. */
export const HAPROXY_CONFIG = resolve(ROOT, 'deploy/haproxy.cfg');

/** True when Debian's `haproxy` is on the PATH (.ci/setup-system installs it). */
export function haproxyInstalled(): boolean {
  return spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
}

export interface RunningHaproxy {
  base: string;
  child: ChildProcess;
  /** What HAProxy wrote (its log goes to stderr): server state changes, request lines. */
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Runs `haproxy -db -f deploy/haproxy.cfg` in the foreground, as compose.yaml does, on loopback `port` (see freePort)
 * in front of `servers` (host:port), and waits until a call through it reaches an instance.
 */
export async function startHaproxy(
  port: number,
  servers: string[],
  options: { checkInterMs: number; timeoutMs?: number },
): Promise<RunningHaproxy> {
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HAPROXY_BIND: `127.0.0.1:${port}`,
    HAPROXY_CHECK_INTER: `${options.checkInterMs}ms`,
  };
  servers.forEach((server, i) => {
    env[`CDS_SERVER_${i + 1}`] = server;
  });
  let output = '';
  const child = spawn('haproxy', ['-db', '-f', HAPROXY_CONFIG], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, child, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`haproxy did not come up:\n${output.slice(-2000)}`);
}
