/**
 * Reads a byte stream as UTF-8 text, giving up (and cancelling the stream) as soon as it exceeds `limitBytes`:
 * `undefined` means "too large". A declared length over the limit is refused before reading anything.
 */
export async function readBoundedText(
  stream: ReadableStream<Uint8Array> | null,
  limitBytes: number,
  declaredLength?: string | null,
): Promise<string | undefined> {
  const declared = Number(declaredLength);
  if (declaredLength && Number.isFinite(declared) && declared > limitBytes) {
    await stream?.cancel().catch(() => {});
    return undefined;
  }
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
