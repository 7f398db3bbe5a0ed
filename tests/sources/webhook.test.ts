// POST /v2/sources/github/webhook with GitHub's own example payloads, signed as GitHub signs them:
// what is answered, what the event log keeps, and the engine records the mapping makes of it.
import { beforeAll, describe, expect, it } from "vitest";
import { sourcesOverview } from "@/lib/sources";
import { encryptSecret } from "@/lib/sources/secrets";
import { ingestOk, json, ORG, PROJECT, setupEngine, type ErrorBody } from "../engine-api/helpers";
import { deliver, events, example, putMapping, records, setGithubSecret, sign } from "./helpers";

const runtime = setupEngine();
const MAPPING = `
teams:
  - repository: Codertocat/*
    team: web
  - repository: octo-org/octo-repo
    team: web
`;

beforeAll(async () => {
  await ingestOk("teams", [{ id: "web", name: "Web", orgTree: "Engineering" }]);
  await setGithubSecret(await runtime());
  expect((await putMapping(MAPPING)).status).toBe(200);
});

const idle = async () => (await runtime()).sources.mapper.idle();
const opened = () => example("pull_request", (p) => p.action === "opened");

function merged(at = "2019-05-15T16:00:00Z") {
  const p = example("pull_request", (x) => x.action === "closed");
  Object.assign(p.pull_request, {
    state: "closed",
    merged: true,
    merged_at: at,
    closed_at: at,
    updated_at: at,
    merge_commit_sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
  });
  return p;
}

describe("POST /v2/sources/github/webhook – what is answered and stored", () => {
  it("a wrong or missing signature → 401 and nothing stored", async () => {
    const before = (await events(await runtime())).length;
    const body = opened();
    const wrong = await deliver({
      event: "pull_request",
      body,
      signature: sign(JSON.stringify(body), "not-the-secret"),
    });
    expect(wrong.status).toBe(401);
    expect((await json<ErrorBody>(wrong)).code).toBe("UNAUTHENTICATED");
    expect((await deliver({ event: "pull_request", body, signature: null })).status).toBe(401);
    // Signed for another body: the signature covers the raw bytes.
    expect(
      (
        await deliver({
          event: "pull_request",
          body,
          raw: JSON.stringify(body) + " ",
          signature: sign(JSON.stringify(body)),
        })
      ).status,
    ).toBe(401);
    // A project with no secret set.
    expect((await deliver({ event: "pull_request", body, project: "other" })).status).toBe(401);
    expect((await events(await runtime())).length).toBe(before);
  });

  it("a new delivery → 202 and stored raw and whole; the same delivery again → 200 and nothing changes", async () => {
    const raw = JSON.stringify(opened(), null, 2);
    const first = await deliver({ event: "pull_request", body: null, raw, delivery: "dup-1" });
    expect(first.status).toBe(202);
    expect(await json(first)).toEqual({ received: true, duplicate: false, deliveryId: "dup-1" });
    await idle();
    const log = await events(await runtime());
    const stored = log.find((e) => e.delivery_id === "dup-1")!;
    expect(stored).toMatchObject({
      source: "github",
      event_type: "pull_request",
      body: raw,
      signature: "verified",
      status: "mapped",
    });
    const again = await deliver({ event: "pull_request", body: null, raw, delivery: "dup-1" });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ duplicate: true });
    expect((await events(await runtime())).length).toBe(log.length);
  });

  it("an unknown event type → 202, stored and ignored", async () => {
    const res = await deliver({
      event: "star",
      body: { action: "created", repository: { full_name: "Codertocat/Hello-World" } },
    });
    expect(res.status).toBe(202);
    await idle();
    const star = (await events(await runtime())).find((e) => e.event_type === "star")!;
    expect(star).toMatchObject({ status: "ignored", reason: "event type star is not used", records: 0 });
    const ping = await deliver({ event: "ping", body: example("ping") });
    expect(ping.status).toBe(202);
  });

  it("a body over 5 MB → 413, truncated JSON → 400; neither is stored", async () => {
    const before = (await events(await runtime())).length;
    const big = JSON.stringify({ ...opened(), padding: "x".repeat(6 * 1024 * 1024) });
    const tooLarge = await deliver({ event: "pull_request", body: null, raw: big });
    expect(tooLarge.status).toBe(413);
    const whole = JSON.stringify(opened());
    const truncated = await deliver({ event: "pull_request", body: null, raw: whole.slice(0, whole.length / 2) });
    expect(truncated.status).toBe(400);
    expect(await json(truncated)).toMatchObject({ code: "INVALID_ARGUMENT", details: [{ field: "body" }] });
    expect((await events(await runtime())).length).toBe(before);
  });

  it("a secret changed by another process is taken at once, and the old one refused from then on", async () => {
    const rt = await runtime();
    const body = opened();
    expect((await deliver({ event: "pull_request", body })).status).toBe(202); // the secret is now kept
    // As `npm run sources -- secret` does from its own process: this one's kept copy is not told.
    const rotated = "a-rotated-webhook-secret-9876543210";
    await rt.db
      .updateTable("source_secrets")
      .set({ secret: encryptSecret(rt.sources.key, rotated) })
      .where("org_id", "=", ORG)
      .where("project_id", "=", PROJECT)
      .where("source", "=", "github")
      .execute();
    try {
      expect((await deliver({ event: "pull_request", body, secret: rotated })).status).toBe(202);
      expect((await deliver({ event: "pull_request", body })).status).toBe(401);
    } finally {
      await setGithubSecret(rt);
    }
    expect((await deliver({ event: "pull_request", body })).status).toBe(202);
  });

  it("an unknown source → 404; a URL without the project → 400", async () => {
    expect((await deliver({ event: "push", body: {}, source: "bitbucket" })).status).toBe(404);
    expect((await deliver({ event: "push", body: {}, project: "" })).status).toBe(400);
  });
});

describe("GitHub events become the engine's records", () => {
  it("a pull request opened, then merged: one record with the spec's id, first commit from its branch's pushes", async () => {
    expect((await deliver({ event: "pull_request", body: opened() })).status).toBe(202);
    await idle();
    let pr = (await records(await runtime())).pullRequests.find((p) => p.id === "github:Codertocat/Hello-World#2")!;
    expect(pr).toMatchObject({
      team_id: "web",
      repository: "Codertocat/Hello-World",
      opened_at: Date.parse("2019-05-15T15:20:33Z"),
      first_commit_at: Date.parse("2019-05-15T15:20:33Z"),
      merged_at: null,
    });
    // A push to the pull request's head branch ("changes") with an earlier commit.
    const push = example("push", (p) => p.ref === "refs/heads/master" && p.commits.length > 0);
    push.ref = "refs/heads/changes";
    push.commits[0].timestamp = "2019-05-14T09:00:00Z";
    expect((await deliver({ event: "push", body: push })).status).toBe(202);
    expect((await deliver({ event: "pull_request", body: merged() })).status).toBe(202);
    await idle();
    pr = (await records(await runtime())).pullRequests.find((p) => p.id === "github:Codertocat/Hello-World#2")!;
    expect(pr).toMatchObject({
      first_commit_at: Date.parse("2019-05-14T09:00:00Z"),
      merged_at: Date.parse("2019-05-15T16:00:00Z"),
      merge_commit_sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
    });
  });

  it("an older state arriving later does not overwrite a newer one", async () => {
    const before = await records(await runtime());
    // The "opened" state again, under a new delivery id, after the merge.
    expect((await deliver({ event: "pull_request", body: opened() })).status).toBe(202);
    await idle();
    expect((await records(await runtime())).pullRequests).toEqual(before.pullRequests);
  });

  it("a deployment status, a workflow run and an incident issue opened and closed", async () => {
    expect((await deliver({ event: "deployment_status", body: example("deployment_status") })).status).toBe(202);
    const run = example("workflow_run", (p) => p.workflow_run.conclusion === "success");
    expect((await deliver({ event: "workflow_run", body: run })).status).toBe(202);
    const incident = example("issues", (p) => p.action === "opened");
    incident.issue.labels = [{ name: "incident" }];
    expect((await deliver({ event: "issues", body: incident })).status).toBe(202);
    await idle();
    let r = await records(await runtime());
    const dep = example("deployment_status");
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: `github:Codertocat/Hello-World/deployments/${dep.deployment.id}`,
        team_id: "web",
        environment: "production",
        status: "success",
        finished_at: Date.parse(dep.deployment_status.created_at),
        repository: "Codertocat/Hello-World",
      }),
    );
    expect(r.builds).toContainEqual(
      expect.objectContaining({
        id: `github:octo-org/octo-repo/runs/${run.workflow_run.id}`,
        commit_sha: run.workflow_run.head_sha,
        status: "success",
        finished_at: Date.parse(run.workflow_run.updated_at),
      }),
    );
    expect(r.incidents).toContainEqual(
      expect.objectContaining({ id: "github:Codertocat/Hello-World/issues/1", resolved_at: null }),
    );
    const closed = structuredClone(incident);
    Object.assign(closed, { action: "closed" });
    Object.assign(closed.issue, {
      state: "closed",
      closed_at: "2019-05-15T18:00:00Z",
      updated_at: "2019-05-15T18:00:00Z",
    });
    expect((await deliver({ event: "issues", body: closed })).status).toBe(202);
    await idle();
    r = await records(await runtime());
    expect(r.incidents.find((i) => i.id === "github:Codertocat/Hello-World/issues/1")).toMatchObject({
      opened_at: Date.parse(incident.issue.created_at),
      resolved_at: Date.parse("2019-05-15T18:00:00Z"),
    });
  });

  it("when the mapping says so, a workflow's runs on a branch and pushed tags are deployments", async () => {
    const mapping = `${MAPPING}deployments:
  repositories:
    - repository: octo-org/octo-repo
      from: workflow
      workflow: test
      branch: master
    - repository: Codertocat/Hello-World
      from: tags
      pattern: "simple-*"
`;
    expect((await putMapping(mapping)).status).toBe(200);
    const run = example("workflow_run", (p) => p.workflow_run.conclusion === "success");
    run.workflow_run.id = 4242;
    const tag = example("push", (p) => p.ref === "refs/tags/simple-tag" && p.created);
    const status = example("deployment_status");
    status.deployment.id = 777;
    for (const [event, body] of [
      ["workflow_run", run],
      ["push", tag],
      ["deployment_status", status],
    ] as const)
      expect((await deliver({ event, body, delivery: `deploy-rule-${event}` })).status).toBe(202);
    await idle();
    const r = await records(await runtime());
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: "github:octo-org/octo-repo/runs/4242",
        environment: "production",
        status: "success",
        finished_at: Date.parse(run.workflow_run.updated_at),
      }),
    );
    expect(r.builds.map((b) => b.id)).not.toContain("github:octo-org/octo-repo/runs/4242");
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: "github:Codertocat/Hello-World/tags/simple-tag",
        status: "success",
        finished_at: tag.repository.pushed_at * 1000,
      }),
    );
    // Codertocat deploys by tags now: its deployment statuses are ignored, with the reason.
    const ignored = (await events(await runtime())).find((e) => e.delivery_id === "deploy-rule-deployment_status")!;
    expect(ignored).toMatchObject({
      status: "ignored",
      reason: "deployments of Codertocat/Hello-World come from its tags under the mapping",
    });
    expect(r.deployments.map((d) => d.id)).not.toContain("github:Codertocat/Hello-World/deployments/777");
    expect((await putMapping(MAPPING)).status).toBe(200);
  });

  it("an event for a repository no rule maps is kept as unmapped and makes no record", async () => {
    const before = await records(await runtime());
    const body = opened();
    body.repository.full_name = "someone-else/repo";
    expect((await deliver({ event: "pull_request", body, delivery: "unmapped-1" })).status).toBe(202);
    await idle();
    const row = (await events(await runtime())).find((e) => e.delivery_id === "unmapped-1")!;
    expect(row).toMatchObject({ status: "unmapped", reason: "no team rule matches repository someone-else/repo" });
    expect(await records(await runtime())).toEqual(before);
  });

  it("a payload with unexpected nulls is kept as failed with its reason; nothing is half-written", async () => {
    const before = await records(await runtime());
    const body = opened();
    body.pull_request.number = 77;
    body.pull_request.created_at = null;
    body.pull_request.head = null;
    const noRepo = { ...opened(), repository: null };
    expect((await deliver({ event: "pull_request", body, delivery: "nulls-1" })).status).toBe(202);
    expect((await deliver({ event: "pull_request", body: noRepo, delivery: "nulls-2" })).status).toBe(202);
    await idle();
    const log = await events(await runtime());
    expect(log.find((e) => e.delivery_id === "nulls-1")).toMatchObject({
      status: "failed",
      reason: "pull_request.created_at: is null",
    });
    expect(log.find((e) => e.delivery_id === "nulls-2")).toMatchObject({
      status: "failed",
      reason: "repository: is null",
    });
    expect(await records(await runtime())).toEqual(before);
  });

  it("a record the engine refuses (the mapping names no such team) fails its events with the reason", async () => {
    expect((await putMapping(`${MAPPING}  - repository: acme/*\n    team: ghost\n`)).status).toBe(200);
    const body = opened();
    body.repository.full_name = "acme/api";
    expect((await deliver({ event: "pull_request", body, delivery: "ghost-1" })).status).toBe(202);
    await idle();
    const row = (await events(await runtime())).find((e) => e.delivery_id === "ghost-1")!;
    expect(row.status).toBe("failed");
    expect(row.reason).toContain("the engine refused pull-requests github:acme/api#2: teamId");
    expect((await records(await runtime())).pullRequests.map((p) => p.id)).not.toContain("github:acme/api#2");
    expect((await putMapping(MAPPING)).status).toBe(200);
  });
});

describe("the Sources page's overview", () => {
  it("counts today's deliveries and records by outcome, lists the unmapped and failed with their reasons", async () => {
    const rt = await runtime();
    const o = await sourcesOverview(rt.db, { org: ORG, project: PROJECT }, "https://fourfold.example.com");
    const github = o.sources.find((s) => s.source === "github")!;
    expect(github.webhookUrl).toBe(
      "https://fourfold.example.com/v2/sources/github/webhook?orgIdentifier=acme&projectIdentifier=web",
    );
    expect(github.secretSetAt).not.toBeNull();
    const log = await events(rt);
    const today = github.days[0]!;
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today.deliveries).toBe(log.length);
    expect(today.mapped + today.unmapped + today.failed + today.ignored + today.pending).toBe(log.length);
    expect(today.records).toBe(log.reduce((a, e) => a + e.records, 0));
    expect(today.records).toBeGreaterThan(0);
    expect(o.problems.map((p) => p.deliveryId)).toEqual(
      expect.arrayContaining(["unmapped-1", "nulls-1", "nulls-2", "ghost-1"]),
    );
    expect(o.sources.find((s) => s.source === "git")).toMatchObject({ webhookUrl: null, total: 0 });
  });
});
