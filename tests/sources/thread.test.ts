// The sources' thread: in the server, deliveries are written to the log and mapped on a thread of
// their own; if it dies, the next delivery starts another, which maps what the log holds pending.
import type { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, it } from "vitest";
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
});
