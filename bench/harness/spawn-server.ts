import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { SERVICE_NODE_FLAGS } from '../../src/runtime-flags.ts';
import type { FromChild, ToChild } from '../servers/child-control.ts';

export type MemorySample = Omit<Extract<FromChild, { type: 'memory' }>, 'type' | 'seq'>;

export interface ServerChild {
  baseUrl: string;
  pid: number;
  /** Memory of the child, after a full GC when `gc` (the child runs with --expose-gc). */
  memory(gc?: boolean): Promise<MemorySample>;
  /** Starts the V8 sampling profiler in the child. */
  profileStart(): Promise<void>;
  /** Stops it and writes the `.cpuprofile` to `file`. */
  profileStop(file: string): Promise<void>;
  /** Orderly stop: closes the server, then exits (so that a --cpu-prof profile is written). */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Core to pin the child to with `taskset -c`; ignored when taskset is unavailable. */
  core: number | undefined;
  env: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

/** Whether `taskset` can pin processes here (Linux with util-linux). */
export const canPin: boolean = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Pins this process (every thread) to one core, so that the load generator and the server do not share one. */
export function pinSelf(core: number): boolean {
  return canPin && spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)]).status === 0;
}

/**
 * Starts a bench server script (TypeScript, through tsx) in a child process pinned to a core, and waits for its
 * `ready` message. Every server runs with the service's production V8 flags (SERVICE_NODE_FLAGS), the ceiling too, so
 * that the ratio compares code, not runtime settings. Its stdout (the service's request log) is discarded unless
 * BENCH_CHILD_STDOUT is set (to read, say, `--trace-gc` lines); the tail of stderr is kept for errors.
 */
export function spawnServer(script: string, options: SpawnOptions): Promise<ServerChild> {
  const nodeArgv = [
    process.execPath,
    '--expose-gc',
    ...SERVICE_NODE_FLAGS,
    '--import',
    'tsx',
    ...(options.nodeArgs ?? []),
    script,
  ];
  const [command, ...args] =
    canPin && options.core !== undefined ? ['taskset', '-c', String(options.core), ...nodeArgv] : nodeArgv;
  const child = spawn(command as string, args, {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', process.env.BENCH_CHILD_STDOUT ? 'inherit' : 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  return new Promise<ServerChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${options.startTimeoutMs ?? 120_000} ms\n${stderr}`));
    }, options.startTimeoutMs ?? 120_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready\n${stderr}`));
    };
    child.once('exit', onExit);
    child.on('message', function onMessage(message: FromChild) {
      if (message.type === 'error') {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.kill('SIGKILL');
        reject(new Error(`${script} failed to start: ${message.message}\n${stderr}`));
      }
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(controlled(child, `http://127.0.0.1:${message.port}`));
    });
  });
}

/**
 * Sends a message and waits for the child's reply of the given type (and, for memory samples, the same sequence
 * number: a periodic sample still in flight must not answer for the full-GC sample asked after it).
 */
function ask<T extends FromChild['type']>(
  child: ChildProcess,
  message: ToChild,
  reply: T,
): Promise<Extract<FromChild, { type: T }>> {
  const seq = 'seq' in message ? message.seq : undefined;
  return new Promise((resolve) => {
    child.on('message', function onMessage(m: FromChild) {
      if (m.type !== reply) return;
      if (seq !== undefined && 'seq' in m && m.seq !== seq) return;
      child.off('message', onMessage);
      resolve(m as Extract<FromChild, { type: T }>);
    });
    child.send(message);
  });
}

function controlled(child: ChildProcess, baseUrl: string): ServerChild {
  let nextSeq = 1;
  return {
    profileStart: async () => {
      await ask(child, { type: 'profile-start' }, 'profile-started');
    },
    profileStop: async (file) => {
      await ask(child, { type: 'profile-stop', file }, 'profile-written');
    },
    baseUrl,
    pid: child.pid ?? -1,
    memory: async (gc = true) => {
      const { type: _type, seq: _seq, ...sample } = await ask(child, { type: 'memory', gc, seq: nextSeq++ }, 'memory');
      return sample;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  };
}
