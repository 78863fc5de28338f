import type { IncomingMessage } from 'node:http';
import { ClientAbortError, isClientAbort } from './client-abort.ts';

/**
 * Reads a Node request body as UTF-8 text straight from the socket stream, giving up as soon as it exceeds
 * `limitBytes`, or before reading anything when the declared length does (`undefined` = too large; @hono/node-server
 * drains or closes the rest after the response). This path skips the WHATWG Request and ReadableStream that
 * `c.req.raw.body` builds, a large share of a request's cost. Rejects when the client goes away mid-body.
 */
export function readIncomingText(
  incoming: IncomingMessage,
  limitBytes: number,
  declaredLength?: string | null,
): Promise<string | undefined> {
  const declared = Number(declaredLength);
  if (declaredLength && Number.isFinite(declared) && declared > limitBytes) return Promise.resolve(undefined);
  if (incoming.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const detach = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        detach();
        incoming.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      detach();
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, size).toString('utf8'),
      );
    };
    const onError = (error: Error) => {
      detach();
      reject(isClientAbort(error) ? new ClientAbortError() : error);
    };
    const onClose = () => {
      detach();
      reject(new ClientAbortError());
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}
