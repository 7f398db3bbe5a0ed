// Replay and order: re-mapping the log with a changed mapping adds and removes records, twice is as
// once; events in any order give the records they give in order; events left unmapped by a crash
// are mapped when the server starts again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { appendEvent, setSecret, startSources } from "@/lib/sources";
import { saveMapping } from "@/lib/sources/mapping/store";
import { ingestOk, ORG, PROJECT, setupEngine } from "../engine-api/helpers";
import { deliver, events, example, putMapping, records, setGithubSecret, type Payload } from "./helpers";

const runtime = setupEngine();
const MAPPING = "teams:\n  - repository: Codertocat/*\n    team: web\n  - repository: octo-org/*\n    team: ops\n";
const OTHER = "shuffled";

beforeAll(async () => {
  const rt = await runtime();
  for (const project of [PROJECT, OTHER]) {
    await ingestOk(
      "teams",
      [
        { id: "web", name: "Web", orgTree: "Engineering" },
        { id: "ops", name: "Ops", orgTree: "Engineering" },
      ],
      { project },
    );
    await setSecret(rt.db, rt.sources.key, { org: ORG, project }, "github", "a-webhook-secret-for-tests-0123456789");
  }
  await setGithubSecret(rt);
  expect((await putMapping(MAPPING)).status).toBe(200);
});

const idle = async () => (await runtime()).sources.mapper.idle();

/** A repository's story: a PR opened, pushed to, merged; a build; a deployment; an incident opened and closed. */
function story(): { event: string; body: Payload }[] {
  const opened = example("pull_request", (p) => p.action === "opened");
  const push = example("push", (p) => p.ref === "refs/heads/master" && p.commits.length > 0);
  push.ref = "refs/heads/changes";
  push.commits[0].timestamp = "2019-05-14T09:00:00Z";
  const merged = structuredClone(opened);
  merged.action = "closed";
  Object.assign(merged.pull_request, {
    state: "closed",
    merged: true,
    merged_at: "2019-05-15T16:00:00Z",
    closed_at: "2019-05-15T16:00:00Z",
    updated_at: "2019-05-15T16:00:00Z",
    merge_commit_sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
  });
  const inProgress = example("deployment_status");
  Object.assign(inProgress.deployment_status, { id: 1, state: "in_progress", created_at: "2019-05-15T16:05:00Z" });
  const success = example("deployment_status");
  Object.assign(success.deployment_status, { id: 2, state: "success", created_at: "2019-05-15T16:10:00Z" });
  const inactive = example("deployment_status");
  Object.assign(inactive.deployment_status, { id: 3, state: "inactive", created_at: "2019-05-16T10:00:00Z" });
  const incident = example("issues", (p) => p.action === "opened");
  incident.issue.labels = [{ name: "Incident" }];
  const resolved = structuredClone(incident);
  resolved.action = "closed";
  Object.assign(resolved.issue, {
    state: "closed",
    closed_at: "2019-05-15T19:00:00Z",
    updated_at: "2019-05-15T19:00:00Z",
  });
  return [
    { event: "push", body: push },
    { event: "pull_request", body: opened },
    { event: "pull_request", body: merged },
    { event: "workflow_run", body: example("workflow_run", (p) => p.workflow_run.conclusion === "success") },
    { event: "deployment_status", body: inProgress },
    { event: "deployment_status", body: success },
    { event: "deployment_status", body: inactive },
    { event: "issues", body: incident },
    { event: "issues", body: resolved },
  ];
}

const withoutProject = (r: Awaited<ReturnType<typeof records>>) =>
  Object.fromEntries(Object.entries(r).map(([k, rows]) => [k, rows.map(({ project_id: _p, ...rest }) => rest)]));

describe("order and replay", () => {
  it("the same events in reverse order give the same records as in order", async () => {
    expect((await putMapping(MAPPING)).status).toBe(200);
    for (const e of story()) expect((await deliver(e)).status).toBe(202);
    await idle();
    // The other project gets its own mapping, then the story backwards.
    const rt = await runtime();
    await saveMapping(rt.db, { org: ORG, project: OTHER }, MAPPING, "yaml", "test");
    for (const e of story().reverse()) expect((await deliver({ ...e, project: OTHER })).status).toBe(202);
    await idle();
    const inOrder = await records(rt);
    expect(inOrder.pullRequests).toHaveLength(1);
    expect(inOrder.pullRequests[0]).toMatchObject({
      first_commit_at: Date.parse("2019-05-14T09:00:00Z"),
      merged_at: Date.parse("2019-05-15T16:00:00Z"),
    });
    expect(inOrder.deployments[0]).toMatchObject({
      status: "success",
      started_at: Date.parse("2019-05-15T16:05:00Z"),
      finished_at: Date.parse("2019-05-15T16:10:00Z"),
    });
    expect(inOrder.incidents[0]).toMatchObject({ resolved_at: Date.parse("2019-05-15T19:00:00Z") });
    expect(inOrder.builds).toHaveLength(1);
    const shuffled = await recordsOf(OTHER);
    expect(withoutProject(shuffled)).toEqual(withoutProject(inOrder));
  });

  it("replay with a changed mapping moves and removes records; replaying twice changes nothing", async () => {
    const rt = await runtime();
    const before = await records(rt);
    // octo-org's runs now belong to nobody: its build goes; Codertocat's records move to team ops.
    expect((await putMapping("teams:\n  - repository: Codertocat/*\n    team: ops\n")).status).toBe(200);
    const first = await rt.sources.mapper.replay({ scope: { org: ORG, project: PROJECT } });
    expect(first.byStatus.unmapped).toBe(1);
    expect(first.removed).toBe(1);
    const after = await records(rt);
    expect(after.builds).toEqual([]);
    expect(after.pullRequests.map((p) => p.team_id)).toEqual(["ops"]);
    expect(after.incidents.map((p) => p.team_id)).toEqual(["ops"]);
    const second = await rt.sources.mapper.replay({ scope: { org: ORG, project: PROJECT } });
    expect(second.removed).toBe(0);
    expect(await records(rt)).toEqual(after);
    // The first mapping again: everything as it was.
    expect((await putMapping(MAPPING)).status).toBe(200);
    await rt.sources.mapper.replay({ scope: { org: ORG, project: PROJECT }, source: "github" });
    expect(await records(rt)).toEqual(before);
    // --since after every event: nothing to replay.
    expect((await rt.sources.mapper.replay({ since: Date.now() + 60_000 })).events).toBe(0);
  });

  it("events stored but not mapped (a crash right after the answer) are mapped when the server starts", async () => {
    const rt = await runtime();
    const pr = example("pull_request", (p) => p.action === "opened");
    pr.pull_request.number = 99;
    await appendEvent(rt.db, {
      scope: { org: ORG, project: PROJECT },
      source: "github",
      deliveryId: "left-pending",
      type: "pull_request",
      receivedAt: Date.now(),
      body: JSON.stringify(pr),
      signature: "verified",
    });
    expect((await events(rt)).find((e) => e.delivery_id === "left-pending")!.status).toBe("pending");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-restart-"));
    const restarted = startSources({ db: rt.db, dataDir: dir, mapPending: true });
    await restarted.mapper.idle();
    await restarted.mapper.stop();
    expect((await events(rt)).find((e) => e.delivery_id === "left-pending")!.status).toBe("mapped");
    expect((await records(rt)).pullRequests.map((p) => p.id)).toContain("github:Codertocat/Hello-World#99");
  });
});

async function recordsOf(project: string) {
  const rt = await runtime();
  const db = rt.db;
  const rows = async (table: "pull_requests" | "builds" | "deployments" | "incidents" | "work_items") =>
    (await db
      .selectFrom(table)
      .selectAll()
      .where("org_id", "=", ORG)
      .where("project_id", "=", project)
      .orderBy("id")
      .execute()) as Record<string, unknown>[];
  const strip = (list: Record<string, unknown>[]) =>
    list.map(({ link_t0: _0, link_t4: _4, link_t5: _5, has_pr: _h, ...rest }) => rest);
  return {
    pullRequests: strip(await rows("pull_requests")),
    builds: strip(await rows("builds")),
    deployments: strip(await rows("deployments")),
    incidents: strip(await rows("incidents")),
    workItems: strip(await rows("work_items")),
  };
}
