// The sources' thread: its own store connection, on which it checks and appends the webhooks' deliveries (arrival.ts) to the
// event log and maps the log. Appends go before the next mapping step, so a delivery waits for at
// most one of the mapping's transactions, and the request thread never waits for the write lock.
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "@/lib/store";
import { Mapper } from "../mapper";
import type { MapperMessage, MapperReply, MapperRequest } from "./protocol";

const { dbFile, mapPending } = workerData as { dbFile: string; mapPending: boolean };

async function main() {
  // A delivery's answer waits for its append: a checkpoint of 40 MB in that commit held a burst's
  // every answer for ~100 ms, one of 4 MB holds them for ~10 (docs/benchmarks.md).
  const db = await openStore(dbFile, { migrate: false, busyTimeoutMs: 30_000, checkpointPages: 1000 });
  const mapper = new Mapper(db);
  const reply = (message: MapperMessage) => parentPort!.postMessage(message);
  const settle = async (id: number, work: () => Promise<unknown>): Promise<MapperReply> => {
    try {
      return { id, ok: true, value: await work() };
    } catch (err) {
      return { id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  };
  const answer = async (id: number, work: () => Promise<unknown>) => reply(await settle(id, work));
  parentPort!.on("message", (req: MapperRequest) => {
    switch (req.op) {
      case "kick":
        return mapper.kick();
      case "admit":
        // Deliveries handed over together are answered together: one wake-up of the request thread.
        return void Promise.all(req.items.map(({ id, arrival }) => settle(id, () => mapper.admit(arrival)))).then(
          (replies) => reply({ replies }),
        );
      case "idle":
        return void answer(req.id, () => mapper.idle());
      case "replay":
        return void answer(req.id, () => mapper.replay(req.filter));
      case "stop":
        return void answer(req.id, async () => {
          await mapper.stop();
          await db.destroy();
        });
    }
  });
  if (mapPending) mapper.kick();
}

main().catch((err: unknown) => {
  process.stderr.write(`sources thread: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
