/** What one real call returned: proves the server did the work (status, cards) before it is loaded. */
export interface ProbeResult {
  status: number;
  bytes: number;
  cards?: number;
  /** The candidacy status carried by the first card's extension, when one is found. */
  assessment?: string;
  indicator?: string;
}

/** POSTs the body once and summarises the answer (never the body itself). */
export async function probe(url: string, body: string): Promise<ProbeResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const result: ProbeResult = { status: response.status, bytes: Buffer.byteLength(text) };
  try {
    const json = JSON.parse(text) as { cards?: { indicator?: string; extension?: Record<string, unknown> }[] };
    if (Array.isArray(json.cards)) {
      result.cards = json.cards.length;
      const card = json.cards[0];
      if (card?.indicator) result.indicator = card.indicator;
      const status = JSON.stringify(card?.extension ?? {}).match(/"status":"([a-z-]+)"/);
      if (status?.[1]) result.assessment = status[1];
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return result;
}
