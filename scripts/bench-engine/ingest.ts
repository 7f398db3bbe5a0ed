// Sends the benchmark organisation through POST /v2/ingest/{kind}, kind by kind in ingestion order,
// with a few batches in flight; items are generated (and serialised) while earlier batches are sent.
import { KINDS, type Kind, type OrgData } from "@/lib/demo";
import { call, type Client } from "./client";

export interface KindRate {
  kind: Kind;
  records: number;
  ms: number;
}

async function ingestKind(c: Client, org: OrgData, kind: Kind, inFlight: number): Promise<number> {
  const batches = org.batches(kind, 5000)[Symbol.iterator]();
  let records = 0;
  let failure: Error | null = null;
  const lane = async () => {
    for (;;) {
      if (failure) return;
      const next = batches.next();
      if (next.done) return;
      const items = next.value;
      const r = await call(c, "POST", `/v2/ingest/${kind}`, JSON.stringify({ items }));
      const body = r.body as { received?: number };
      if (r.status !== 200 || body.received !== items.length) {
        failure = new Error(`ingest ${kind}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        return;
      }
      records += items.length;
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
  const out: KindRate[] = [];
  for (const kind of KINDS) {
    const t0 = performance.now();
    const records = await ingestKind(c, org, kind, inFlight);
    const rate = { kind, records, ms: performance.now() - t0 };
    out.push(rate);
    onKind(rate);
  }
  return out;
}
