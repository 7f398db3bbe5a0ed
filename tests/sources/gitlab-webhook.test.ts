// POST /v2/sources/gitlab/webhook with the payloads of GitLab's "Webhook events" page
// (tests/fixtures/sources/gitlab/), sent with the token and headers GitLab sends: what is answered,
// what the event log keeps, and the records the mapping makes of them.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestOk, json, setupEngine, type ErrorBody } from "../engine-api/helpers";
import { deliverGitlab, fixture, GITLAB_TOKEN, setTokens } from "./gitlab-helpers";
import { events, putMapping, records, type Payload } from "./helpers";

const runtime = setupEngine();
const PROJECT_PATH = "gitlabhq/gitlab-test";
const MAPPING = `
teams:
  - gitlabProject: gitlabhq/*
    team: web
  - gitlabProject: gitlab-org/**
    team: web
production: [production, prod]
`;

beforeAll(async () => {
  await ingestOk("teams", [{ id: "web", name: "Web", orgTree: "Engineering" }]);
  await setTokens(await runtime());
  expect((await putMapping(MAPPING)).status).toBe(200);
});

const idle = async () => (await runtime()).sources.mapper.idle();

/** The documented merge request, its source and target the project itself. */
function mergeRequest(change: Record<string, unknown> = {}): Payload {
  const p = fixture("gitlab/merge-request");
  p.object_attributes.source.path_with_namespace = PROJECT_PATH;
  p.object_attributes.target.path_with_namespace = PROJECT_PATH;
  Object.assign(p.object_attributes, change);
  return p;
}
const merged = (at = "2013-12-04T10:00:00Z") =>
  mergeRequest({
    state: "merged",
    action: "merge",
    updated_at: at,
    merge_commit_sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
  });
const MR_ID = `gitlab:${PROJECT_PATH}!1`;
const prOf = async (id = MR_ID) => (await records(await runtime())).pullRequests.find((p) => p.id === id);

describe("POST /v2/sources/gitlab/webhook – what is answered and stored", () => {
  it("a wrong or missing X-Gitlab-Token → 401 and nothing stored", async () => {
    const before = (await events(await runtime())).length;
    const wrong = await deliverGitlab({ event: "Merge Request Hook", body: mergeRequest(), token: "not-the-token" });
    expect(wrong.status).toBe(401);
    expect((await json<ErrorBody>(wrong)).code).toBe("UNAUTHENTICATED");
    expect((await deliverGitlab({ event: "Merge Request Hook", body: mergeRequest(), token: null })).status).toBe(401);
    // A token that only starts like the right one.
    const prefix = GITLAB_TOKEN.slice(0, -1);
    expect((await deliverGitlab({ event: "Merge Request Hook", body: mergeRequest(), token: prefix })).status).toBe(
      401,
    );
    // A project with no token set.
    expect((await deliverGitlab({ event: "Merge Request Hook", body: mergeRequest(), project: "other" })).status).toBe(
      401,
    );
    expect((await events(await runtime())).length).toBe(before);
  });

  it("a new delivery → 202, stored raw; the same X-Gitlab-Event-UUID again → 200 and nothing changes", async () => {
    const raw = JSON.stringify(mergeRequest(), null, 2);
    const first = await deliverGitlab({ event: "Merge Request Hook", body: null, raw, uuid: "gl-dup-1" });
    expect(first.status).toBe(202);
    expect(await json(first)).toEqual({ received: true, duplicate: false, deliveryId: "gl-dup-1" });
    await idle();
    const log = await events(await runtime());
    expect(log.find((e) => e.delivery_id === "gl-dup-1")).toMatchObject({
      source: "gitlab",
      event_type: "Merge Request Hook",
      body: raw,
      signature: "verified",
      status: "mapped",
    });
    const again = await deliverGitlab({ event: "Merge Request Hook", body: null, raw, uuid: "gl-dup-1" });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ duplicate: true });
    expect((await events(await runtime())).length).toBe(log.length);
  });

  it("no X-Gitlab-Event → 400; an event GitLab sends that is not used → 202 and ignored", async () => {
    const res = await deliverGitlab({ event: "", body: mergeRequest() });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ details: [{ field: "x-gitlab-event", message: "is required" }] });
    const wiki = { object_kind: "wiki_page", project: { path_with_namespace: PROJECT_PATH } };
    expect((await deliverGitlab({ event: "Wiki Page Hook", body: wiki, uuid: "gl-wiki" })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "gl-wiki")).toMatchObject({
      status: "ignored",
      reason: "event type Wiki Page Hook is not used",
    });
  });
});

describe("GitLab events become the engine's records", () => {
  it("a merge request opened: the spec's id, its team, opened at its creation", async () => {
    expect((await deliverGitlab({ event: "Merge Request Hook", body: mergeRequest() })).status).toBe(202);
    await idle();
    expect(await prOf()).toMatchObject({
      team_id: "web",
      repository: PROJECT_PATH,
      opened_at: Date.parse("2013-12-03T17:23:34Z"),
      first_commit_at: Date.parse("2013-12-03T17:23:34Z"),
      merged_at: null,
    });
  });

  it("pushes to its source branch give its first commit; the merge gives its merge time and sha", async () => {
    const push = fixture("gitlab/push");
    push.project.path_with_namespace = PROJECT_PATH;
    push.ref = "refs/heads/ms-viewport";
    push.commits[0].timestamp = "2013-12-02T09:00:00+02:00";
    // A commit pushed after the merge is not one of its commits.
    push.commits[1].timestamp = "2013-12-05T09:00:00Z";
    expect((await deliverGitlab({ event: "Push Hook", body: push })).status).toBe(202);
    expect((await deliverGitlab({ event: "Merge Request Hook", body: merged() })).status).toBe(202);
    await idle();
    expect(await prOf()).toMatchObject({
      first_commit_at: Date.parse("2013-12-02T07:00:00Z"),
      merged_at: Date.parse("2013-12-04T10:00:00Z"),
      merge_commit_sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
    });
  });

  it("an older state arriving later changes nothing; a later update of the merged one keeps its merge time", async () => {
    const before = await prOf();
    expect((await deliverGitlab({ event: "Merge Request Hook", body: mergeRequest() })).status).toBe(202);
    const labelled = merged("2013-12-06T10:00:00Z");
    labelled.object_attributes.action = "update";
    expect((await deliverGitlab({ event: "Merge Request Hook", body: labelled })).status).toBe(202);
    await idle();
    expect(await prOf()).toEqual(before);
  });

  it("merged before opened (out of order): the same record as in order", async () => {
    const order = async (iid: number, first: Payload, second: Payload) => {
      first.object_attributes.iid = iid;
      second.object_attributes.iid = iid;
      for (const body of [first, second])
        expect((await deliverGitlab({ event: "Merge Request Hook", body })).status).toBe(202);
      await idle();
      const { id: _id, ...rest } = (await prOf(`gitlab:${PROJECT_PATH}!${iid}`))!;
      return rest;
    };
    expect(await order(31, merged(), mergeRequest())).toEqual(await order(32, mergeRequest(), merged()));
  });

  it("a work item key in the source branch names the work item; `Closes #n` names a GitLab issue", async () => {
    const keyed = mergeRequest({ iid: 40, source_branch: "PAY-12-fix" });
    const closing = mergeRequest({ iid: 41, source_branch: "fix", title: "Fix", description: "Closes #23" });
    for (const body of [keyed, closing])
      expect((await deliverGitlab({ event: "Merge Request Hook", body })).status).toBe(202);
    await idle();
    expect((await prOf(`gitlab:${PROJECT_PATH}!40`))?.work_item_id).toBe("jira:PAY-12");
    expect((await prOf(`gitlab:${PROJECT_PATH}!41`))?.work_item_id).toBe(`gitlab:${PROJECT_PATH}/issues/23`);
  });

  it("a deployment: started when running, finished when it succeeded, its environment as the mapping says", async () => {
    const deployment = (status: string, at: string, environment = "production") => {
      const d = fixture("gitlab/deployment");
      d.project.path_with_namespace = PROJECT_PATH;
      Object.assign(d, { status, status_changed_at: at, environment });
      return d;
    };
    // The documented one (staging, as deployment 14), then production's, told success before running.
    const staging = fixture("gitlab/deployment");
    staging.project.path_with_namespace = PROJECT_PATH;
    staging.deployment_id = 14;
    for (const body of [
      staging,
      deployment("success", "2021-04-28 21:50:00 +0200"),
      deployment("running", "2021-04-28 21:45:00 +0200"),
    ])
      expect((await deliverGitlab({ event: "Deployment Hook", body })).status).toBe(202);
    const failed = deployment("failed", "2021-04-29 10:00:00 +0200");
    failed.deployment_id = 16;
    expect((await deliverGitlab({ event: "Deployment Hook", body: failed })).status).toBe(202);
    await idle();
    const r = await records(await runtime());
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: `gitlab:${PROJECT_PATH}/deployments/15`,
        team_id: "web",
        environment: "production",
        status: "success",
        finished_at: Date.parse("2021-04-28T19:50:00Z"),
        started_at: Date.parse("2021-04-28T19:45:00Z"),
        repository: PROJECT_PATH,
      }),
    );
    expect(r.deployments).toContainEqual(
      expect.objectContaining({ id: `gitlab:${PROJECT_PATH}/deployments/14`, environment: "staging" }),
    );
    expect(r.deployments).toContainEqual(
      expect.objectContaining({ id: `gitlab:${PROJECT_PATH}/deployments/16`, status: "failure" }),
    );
  });

  it("a pipeline is a build of its sha; the mapping's deploying job on its branch is a deployment", async () => {
    expect((await deliverGitlab({ event: "Pipeline Hook", body: fixture("gitlab/pipeline") })).status).toBe(202);
    await idle();
    let r = await records(await runtime());
    expect(r.builds).toContainEqual(
      expect.objectContaining({
        id: "gitlab:gitlab-org/gitlab-test/pipelines/31",
        repository: "gitlab-org/gitlab-test",
        commit_sha: "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
        status: "success",
        finished_at: Date.parse("2016-08-12T15:26:29Z"),
        started_at: Date.parse("2016-08-12T15:23:28Z"),
      }),
    );
    expect(r.deployments.map((d) => d.id)).not.toContain("gitlab:gitlab-org/gitlab-test/jobs/380");
    expect(
      (
        await putMapping(`${MAPPING}deployments:
  repositories:
    - repository: gitlab-org/gitlab-test
      from: workflow
      workflow: production
      branch: master
`)
      ).status,
    ).toBe(200);
    // The documented pipeline, its manual "production" job since run.
    const ran = fixture("gitlab/pipeline");
    Object.assign(ran.builds[0], {
      status: "success",
      started_at: "2016-08-12 15:30:00 UTC",
      finished_at: "2016-08-12 15:32:10 UTC",
    });
    expect((await deliverGitlab({ event: "Pipeline Hook", body: ran })).status).toBe(202);
    // A deployment hook of that project is now not a deployment (its job is).
    const d = fixture("gitlab/deployment");
    d.project.path_with_namespace = "gitlab-org/gitlab-test";
    expect((await deliverGitlab({ event: "Deployment Hook", body: d, uuid: "gl-dep-by-job" })).status).toBe(202);
    await idle();
    r = await records(await runtime());
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: "gitlab:gitlab-org/gitlab-test/jobs/380",
        environment: "production",
        status: "success",
        started_at: Date.parse("2016-08-12T15:30:00Z"),
        finished_at: Date.parse("2016-08-12T15:32:10Z"),
      }),
    );
    expect((await events(await runtime())).find((e) => e.delivery_id === "gl-dep-by-job")).toMatchObject({
      status: "ignored",
      reason: "deployments of gitlab-org/gitlab-test come from its pipeline job under the mapping",
    });
    expect((await putMapping(MAPPING)).status).toBe(200);
  });

  it("an issue is a work item; an incident (its type, or the mapping's label) is an incident until closed", async () => {
    const issue = fixture("gitlab/issue");
    expect((await deliverGitlab({ event: "Issue Hook", body: issue })).status).toBe(202);
    const typed = fixture("gitlab/issue");
    Object.assign(typed.object_attributes, { iid: 24, type: "Incident" });
    const labelled = fixture("gitlab/issue");
    labelled.object_attributes.iid = 25;
    labelled.labels = [{ title: "Incident" }];
    for (const body of [typed, labelled]) expect((await deliverGitlab({ event: "Issue Hook", body })).status).toBe(202);
    await idle();
    let r = await records(await runtime());
    expect(r.workItems).toContainEqual(
      expect.objectContaining({
        id: `gitlab:${PROJECT_PATH}/issues/23`,
        key: `${PROJECT_PATH}#23`,
        created_at: Date.parse("2013-12-03T17:15:43Z"),
        resolved_at: null,
      }),
    );
    expect(r.incidents.map((i) => i.id).sort()).toEqual([
      `gitlab:${PROJECT_PATH}/issues/24`,
      `gitlab:${PROJECT_PATH}/issues/25`,
    ]);
    const closed = structuredClone(typed);
    Object.assign(closed.object_attributes, {
      state: "closed",
      action: "close",
      closed_at: "2013-12-03 19:00:00 UTC",
      updated_at: "2013-12-03 19:00:00 UTC",
    });
    expect((await deliverGitlab({ event: "Issue Hook", body: closed })).status).toBe(202);
    await idle();
    r = await records(await runtime());
    expect(r.incidents.find((i) => i.id === `gitlab:${PROJECT_PATH}/issues/24`)).toMatchObject({
      opened_at: Date.parse("2013-12-03T17:15:43Z"),
      resolved_at: Date.parse("2013-12-03T19:00:00Z"),
    });
    // With the incident type turned off in the mapping, a typed issue is a work item.
    expect((await putMapping(`${MAPPING}incidents:\n  gitlabIncidentType: false\n`)).status).toBe(200);
    await (await runtime()).sources.mapper.replay({ source: "gitlab" });
    r = await records(await runtime());
    expect(r.incidents.map((i) => i.id)).toEqual([`gitlab:${PROJECT_PATH}/issues/25`]);
    expect(r.workItems.map((w) => w.id)).toContain(`gitlab:${PROJECT_PATH}/issues/24`);
    expect((await putMapping(MAPPING)).status).toBe(200);
    await (await runtime()).sources.mapper.replay({ source: "gitlab" });
  });

  it("a pushed tag is a deployment when the mapping says the project deploys by tags", async () => {
    const tag = fixture("gitlab/tag-push");
    tag.project.path_with_namespace = "gitlabhq/tagged";
    expect((await deliverGitlab({ event: "Tag Push Hook", body: tag, uuid: "gl-tag-1" })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "gl-tag-1")).toMatchObject({
      status: "ignored",
      reason: "tag v1.0.0 is not a deployment under the mapping",
    });
    expect(
      (
        await putMapping(
          `${MAPPING}deployments:\n  repositories:\n    - repository: gitlabhq/tagged\n      from: tags\n`,
        )
      ).status,
    ).toBe(200);
    await (await runtime()).sources.mapper.replay({ source: "gitlab" });
    const r = await records(await runtime());
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: "gitlab:gitlabhq/tagged/tags/v1.0.0",
        environment: "production",
        status: "success",
      }),
    );
    expect((await putMapping(MAPPING)).status).toBe(200);
    await (await runtime()).sources.mapper.replay({ source: "gitlab" });
  });

  it("an event of a project no rule maps is kept as unmapped and makes no record", async () => {
    const before = await records(await runtime());
    const body = mergeRequest({ iid: 77 });
    body.project.path_with_namespace = "someone-else/app";
    expect((await deliverGitlab({ event: "Merge Request Hook", body, uuid: "gl-unmapped" })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "gl-unmapped")).toMatchObject({
      status: "unmapped",
      reason: "no team rule matches GitLab project someone-else/app",
    });
    expect(await records(await runtime())).toEqual(before);
  });

  it("a payload missing what a record needs is failed with the field named", async () => {
    const body = mergeRequest({ iid: 78, created_at: null });
    expect((await deliverGitlab({ event: "Merge Request Hook", body, uuid: "gl-null" })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "gl-null")).toMatchObject({
      status: "failed",
      reason: "object_attributes.created_at: is null",
    });
  });
});
