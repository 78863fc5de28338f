import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent } from 'undici';

export interface PinnedFetch {
  fetch: typeof fetch;
  /** Closes the connections (once the call's fetches are done). */
  close(): Promise<void>;
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A fetch that connects to `hostname` only at `addresses`, the ones the SSRF guard checked, instead of resolving the
 * name again: a second DNS answer could name a private address (DNS rebinding). The URL keeps the name, so the Host
 * header, TLS SNI and the certificate check are still on the name. Other host names are refused.
 */
export function pinnedFetch(fetchFn: typeof fetch, hostname: string, addresses: readonly string[]): PinnedFetch {
  const pinned = addresses.map((address) => ({ address, family: isIP(address) }));
  const lookup = (host: string, options: LookupOptions, callback: LookupCallback) => {
    const usable = pinned.filter((a) => !options.family || a.family === options.family);
    const first = usable[0];
    if (host !== hostname || !first) {
      callback(Object.assign(new Error('not the host name that was checked'), { code: 'ENOTFOUND' }), []);
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
  const agent = new Agent({ connect: { lookup } });
  return {
    fetch: (input, init) => fetchFn(input, { ...init, dispatcher: agent } as RequestInit),
    close: () => agent.close(),
  };
}
