// Sends the benchmark organisation through POST /v2/ingest/{kind}, kind by kind in ingestion order,
// with a few batches in flight. Every batch is generated and encoded before the first is sent (about
// 0.8 GB at scale 1): the client shares the server's cores, and the time it takes to make the
// records is not the engine's (bench:sources encodes its deliveries before its clock the same way).
// The kinds then follow each other without a pause, as they did when they were made while sent.
import { KINDS, type Kind, type OrgData } from "@/lib/demo";
import { call, type Client } from "./client";

export interface KindRate {
  kind: Kind;
  records: number;
  ms: number;
}

interface Batch {
  body: Buffer;
  count: number;
}

/** A kind's batches of 5,000, each encoded as the body of its request. */
function encode(org: OrgData, kind: Kind): Batch[] {
  return Array.from(org.batches(kind, 5000), (items) => ({
    body: Buffer.from(JSON.stringify({ items })),
    count: items.length,
  }));
}

async function ingestKind(c: Client, batches: Batch[], kind: Kind, inFlight: number): Promise<number> {
  let next = 0;
  let records = 0;
  let failure: Error | null = null;
  const lane = async () => {
    while (!failure && next < batches.length) {
      const batch = batches[next++]!;
      const r = await call(c, "POST", `/v2/ingest/${kind}`, batch.body);
      const body = r.body as { received?: number };
      if (r.status !== 200 || body.received !== batch.count) {
        failure = new Error(`ingest ${kind}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        return;
      }
      records += batch.count;
    }
  };
  await Promise.all(Array.from({ length: kind === "teams" ? 1 : inFlight }, lane));
  if (failure) throw failure;
  return records;
}

/** Ingests every kind; teams go first and alone, since every other record names one. */
export async function ingestAll(
  c: Client,
  org: OrgData,
  inFlight: number,
  onKind: (r: KindRate) => void,
): Promise<KindRate[]> {
  const encoded = KINDS.map((kind) => encode(org, kind));
  const out: KindRate[] = [];
  for (const [i, kind] of KINDS.entries()) {
    const t0 = performance.now();
    const records = await ingestKind(c, encoded[i]!, kind, inFlight);
    encoded[i] = [];
    const rate = { kind, records, ms: performance.now() - t0 };
    out.push(rate);
    onKind(rate);
  }
  return out;
}
