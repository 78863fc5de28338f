import { connect, createServer, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'stall' | 'refuse';

export interface TcpProxy {
  port: number;
  /** forward: pass bytes both ways; stall: accept and never answer (open connections go silent too); refuse: reset. */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real server (PostgreSQL in the tests) that can make it stall or refuse, as a database
 * behind a broken network, a full disk or a failover does. Going back to `forward` ends the stalled connections, as
 * the database's restart would.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  const stalled = new Set<Socket>();
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return void client.resetAndDestroy();
    if (mode === 'stall') return void stalled.add(client.pause());
    const upstream = connect(target);
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    // Bytes pass only while forwarding: a stall swallows them in both directions.
    client.on('data', (chunk) => (mode === 'forward' ? upstream.write(chunk) : undefined));
    upstream.on('data', (chunk) => (mode === 'forward' ? client.write(chunk) : undefined));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
  return {
    port: address.port,
    setMode(next) {
      if (next === 'forward' && mode !== 'forward') {
        for (const socket of open) socket.destroy();
        for (const socket of stalled) socket.destroy();
        stalled.clear();
      }
      mode = next;
    },
    async close() {
      for (const socket of [...open, ...stalled]) socket.destroy();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}
