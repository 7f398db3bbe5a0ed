// The writers of the mixed run, in a thread of their own so that their work (generating and sending
// bodies of up to 13 MiB) never delays the pollers' clocks. Each writer sends batches of one kind,
// all of it once (fresh records), then the same again (upserts), until the deadline.
import { parentPort, workerData } from "node:worker_threads";
import { type Kind } from "@/lib/demo";
import { benchOrg } from "./bench-org";

export interface WritersConfig {
  base: string;
  key: string;
  org: string;
  project: string;
  loadScale: number;
  end: string;
  kinds: Kind[];
}

export interface WritersResult {
  records: number;
  batches: number;
  refused429: number;
  status5xx: number;
  errors: string[];
  /** When the last writer's last batch was answered, in ms after the start. */
  lastMs: number;
}

const config = workerData as WritersConfig;

function bodies(kind: Kind): { body: Buffer; n: number }[] {
  const out: { body: Buffer; n: number }[] = [];
  for (const items of benchOrg(new Date(config.end), config.loadScale).batches(kind, 5000)) {
    out.push({ body: Buffer.from(JSON.stringify({ items })), n: items.length });
  }
  return out;
}

async function post(kind: Kind, body: Buffer): Promise<{ status: number; text: string }> {
  const url = new URL(`/v2/ingest/${kind}`, config.base);
  url.searchParams.set("projectIdentifier", config.project);
  url.searchParams.set("orgIdentifier", config.org);
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `ApiKey ${config.key}`, "content-type": "application/json" },
    body: body as unknown as BodyInit,
    signal: AbortSignal.timeout(300_000),
  });
  return { status: res.status, text: await res.text() };
}

async function run(): Promise<WritersResult> {
  const lists = new Map(config.kinds.map((kind) => [kind, bodies(kind)]));
  const all = [...lists.values()].flat();
  const ready = {
    type: "ready",
    batches: all.length,
    records: all.reduce((n, b) => n + b.n, 0),
    bytes: all.reduce((n, b) => n + b.body.length, 0),
  };
  const durationMs = await new Promise<number>((resolve) => {
    parentPort!.once("message", (msg: { durationMs: number }) => resolve(msg.durationMs));
    parentPort!.postMessage(ready);
  });
  const result: WritersResult = { records: 0, batches: 0, refused429: 0, status5xx: 0, errors: [], lastMs: 0 };
  const start = performance.now();
  const writer = async (kind: Kind) => {
    const list = lists.get(kind)!;
    for (let i = 0; performance.now() - start < durationMs; i++) {
      const batch = list[i % list.length]!;
      try {
        const r = await post(kind, batch.body);
        if (r.status === 200) {
          result.records += batch.n;
          result.batches++;
        } else if (r.status === 429) {
          result.refused429++;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        } else {
          if (r.status >= 500) result.status5xx++;
          result.errors.push(`${kind}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        }
      } catch (err) {
        result.errors.push(`${kind}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    result.lastMs = Math.max(result.lastMs, performance.now() - start);
  };
  await Promise.all(config.kinds.map(writer));
  return result;
}

void run().then((result) => parentPort!.postMessage({ type: "done", result }));
