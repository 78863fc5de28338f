import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';

/** Messages between the bench runner and a server child (over the IPC channel of `child_process.fork`). */
export type ToChild =
  | { type: 'memory'; gc: boolean; seq: number }
  | { type: 'stop' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };
export type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'memory'; seq: number; rss: number; heapUsed: number; external: number; arrayBuffers: number }
  | { type: 'error'; message: string }
  | { type: 'profile-started' }
  | { type: 'profile-written'; file: string };

const send = (message: FromChild) => process.send?.(message);

/**
 * Announces a listening server to the runner and answers its requests: memory samples (after a full GC when the child
 * runs with --expose-gc, so that samples compare retained memory) and an orderly stop (so that --cpu-prof is written).
 */
export function controlChild(server: Server, onStop: () => Promise<void> = async () => {}): void {
  const announce = () => send({ type: 'ready', port: (server.address() as AddressInfo).port });
  if (server.listening) announce();
  else server.once('listening', announce);
  process.on('message', (message: ToChild) => {
    if (message.type === 'memory') {
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      send({ type: 'memory', seq: message.seq, rss, heapUsed, external, arrayBuffers });
    } else if (message.type === 'profile-start') {
      void startProfile().then(() => send({ type: 'profile-started' }));
    } else if (message.type === 'profile-stop') {
      void stopProfile(message.file).then(() => send({ type: 'profile-written', file: message.file }));
    } else if (message.type === 'stop') {
      server.closeAllConnections();
      server.close(() => {
        onStop().finally(() => process.exit(0));
      });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** Reports a start-up failure to the runner (message only: never a request body) and exits. */
export function failChild(error: unknown): never {
  send({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exit(1);
}

let session: Session | undefined;

/** Samples this process's CPU (V8 profiler through the inspector) from now until stopProfile: the load window only. */
async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

async function stopProfile(file: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  session = undefined;
  writeFileSync(file, JSON.stringify(profile));
}
