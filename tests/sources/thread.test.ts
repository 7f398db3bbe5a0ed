// The sources' thread: in the server, deliveries are written to the log and mapped on a thread of
// their own; if it dies, the next delivery starts another, which maps what the log holds pending.
import type { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { MapperThread } from "@/lib/sources/thread";
import { ingestOk, setupEngine } from "../engine-api/helpers";
import { deliver, events, example, putMapping, records, setGithubSecret } from "./helpers";

const runtime = setupEngine();

beforeAll(async () => {
  await ingestOk("teams", [{ id: "web", name: "Web", orgTree: "Engineering" }]);
  await setGithubSecret(await runtime());
  expect((await putMapping("teams:\n  - repository: Codertocat/*\n    team: web\n")).status).toBe(200);
});

const opened = (n: number) => {
  const pr = example("pull_request", (p) => p.action === "opened");
  pr.pull_request.number = n;
  return pr;
};

describe("the sources' thread", () => {
  it("is the server's mapper: a delivery is written to the log and mapped off the request thread", async () => {
    const rt = await runtime();
    expect(rt.sources.mapper).toBeInstanceOf(MapperThread);
    const res = await deliver({ event: "pull_request", body: opened(1), delivery: "thread-1" });
    expect(res.status).toBe(202);
    expect((await deliver({ event: "pull_request", body: opened(1), delivery: "thread-1" })).status).toBe(200);
    await rt.sources.mapper.idle();
    expect((await events(rt)).find((e) => e.delivery_id === "thread-1")!.status).toBe("mapped");
    expect((await records(rt)).pullRequests.map((p) => p.id)).toContain("github:Codertocat/Hello-World#1");
  });

  it("dead, is started again by the next delivery, and that one is mapped too", async () => {
    const rt = await runtime();
    const mapper = rt.sources.mapper as unknown as { worker: Worker | null };
    const exited = new Promise((resolve) => mapper.worker!.once("exit", resolve));
    await mapper.worker!.terminate();
    await exited;
    expect(mapper.worker).toBeNull();
    expect((await deliver({ event: "pull_request", body: opened(2), delivery: "thread-2" })).status).toBe(202);
    await rt.sources.mapper.idle();
    expect((await events(rt)).find((e) => e.delivery_id === "thread-2")!.status).toBe("mapped");
    expect((await records(rt)).pullRequests.map((p) => p.id)).toContain("github:Codertocat/Hello-World#2");
  });

  it("takes deliveries sent together in one hand-over, and answers each: new, repeated or malformed", async () => {
    const rt = await runtime();
    const worker = (rt.sources.mapper as unknown as { worker: Worker | null }).worker!;
    // A first delivery has the secret read and kept, so the 14 below are checked without a query.
    expect((await deliver({ event: "pull_request", body: opened(99), delivery: "together-first" })).status).toBe(202);
    const handOvers = vi.spyOn(worker, "postMessage");
    const sent = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) =>
        deliver({ event: "pull_request", body: opened(100 + i), delivery: `together-${i}` }),
      ),
      deliver({ event: "pull_request", body: opened(100), delivery: "together-0" }),
      deliver({ event: "pull_request", body: null, raw: "{not json", delivery: "together-bad" }),
    ]);
    const statuses = sent.map((r) => r.status);
    // One of the two deliveries named together-0 is new (202), the other a repeat (200).
    expect(statuses.slice(1, 12)).toEqual(Array(11).fill(202));
    expect([statuses[0], statuses[12]].sort()).toEqual([200, 202]);
    expect(statuses[13]).toBe(400);
    // Their signatures checked, the 14 go over to the thread in one message (its JSON check is the thread's).
    const admits = handOvers.mock.calls.filter(([m]) => (m as { op: string }).op === "admit");
    expect(admits).toHaveLength(1);
    expect((admits[0]![0] as { items: unknown[] }).items).toHaveLength(14);
    handOvers.mockRestore();
    await rt.sources.mapper.idle();
    const stored = (await events(rt)).filter((e) => /^together-\d+$/.test(e.delivery_id));
    expect(stored).toHaveLength(12);
    expect(stored.every((e) => e.status === "mapped")).toBe(true);
  });
});
