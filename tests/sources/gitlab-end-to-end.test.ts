// End to end: a GitLab project's story told by webhooks (pushes, merge requests opened and merged,
// pipelines, deployments running then done, an incident opened and closed) gives the same export,
// figure for figure, as the equivalent records sent to /v2/ingest directly.
import { beforeAll, describe, expect, it } from "vitest";
import { api, csvText, ingestOk, json, parseCsv, pollUntilFinal, setupEngine } from "../engine-api/helpers";
import { deliverGitlab, fixture, setTokens } from "./gitlab-helpers";
import { putMapping, type Payload } from "./helpers";

const runtime = setupEngine();
const DIRECT = "direct";
const PROJECT_PATH = "acme/platform/web";
const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
// GitLab writes some instants as `2026-01-05 09:00:00 UTC`; the webhooks use that form where GitLab does.
const utc = (ms: number) =>
  iso(ms)
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");
const start = Date.parse("2026-01-05T09:00:00Z");
const sha = (n: number) => `${n}`.repeat(40).slice(0, 40);

interface Change {
  n: number;
  opened: number;
  firstCommit: number;
  merged: number;
}
const changes: Change[] = [1, 2, 3, 4, 5, 6].map((n) => {
  const opened = start + n * 3 * DAY;
  return { n, opened, firstCommit: opened - (n % 3) * DAY - 2 * H, merged: opened + (n + 2) * H };
});
// Deployments: after changes 1-2 (ok), after 3 (failed), after 4 (ok), after 5-6 (ok).
const deployments = [
  { id: 11, at: changes[1]!.merged + 3 * H, status: "success" },
  { id: 12, at: changes[2]!.merged + 2 * H, status: "failed" },
  { id: 13, at: changes[3]!.merged + 5 * H, status: "success" },
  { id: 14, at: changes[5]!.merged + 1 * H, status: "success" },
];
const incident = { iid: 40, opened: deployments[2]!.at + 2 * H, closed: deployments[2]!.at + 6 * H };

const withProject = (p: Payload) => {
  p.project.path_with_namespace = PROJECT_PATH;
  return p;
};

/** The webhooks GitLab would send, in the order it might send them. */
function deliveries(): { event: string; body: Payload }[] {
  const out: { event: string; body: Payload }[] = [];
  for (const c of changes) {
    const push = withProject(fixture("gitlab/push"));
    push.ref = `refs/heads/change-${c.n}`;
    push.commits = [
      { ...push.commits[0], timestamp: iso(c.firstCommit) },
      { ...push.commits[1], timestamp: iso(c.firstCommit + H) },
    ];
    const opened = withProject(fixture("gitlab/merge-request"));
    Object.assign(opened.object_attributes, {
      iid: c.n,
      title: `Change ${c.n}`,
      description: "",
      source_branch: `change-${c.n}`,
      created_at: iso(c.opened),
      updated_at: iso(c.opened),
      state: "opened",
      action: "open",
    });
    opened.object_attributes.source.path_with_namespace = PROJECT_PATH;
    opened.object_attributes.target.path_with_namespace = PROJECT_PATH;
    const merged = structuredClone(opened);
    Object.assign(merged.object_attributes, {
      state: "merged",
      action: "merge",
      updated_at: utc(c.merged),
      merge_commit_sha: sha(c.n),
    });
    const pipeline = withProject(fixture("gitlab/pipeline"));
    Object.assign(pipeline.object_attributes, {
      id: 100 + c.n,
      ref: "main",
      sha: sha(c.n),
      status: c.n === 3 ? "failed" : "success",
      created_at: utc(c.merged + 5 * 60_000),
      finished_at: utc(c.merged + 30 * 60_000),
    });
    out.push(
      { event: "Push Hook", body: push },
      { event: "Merge Request Hook", body: opened },
      { event: "Merge Request Hook", body: merged },
      { event: "Pipeline Hook", body: pipeline },
    );
  }
  for (const d of deployments)
    for (const [status, at] of [
      ["running", d.at - 20 * 60_000],
      [d.status, d.at],
    ] as const) {
      const hook = withProject(fixture("gitlab/deployment"));
      Object.assign(hook, { deployment_id: d.id, status, status_changed_at: utc(at), environment: "production" });
      out.push({ event: "Deployment Hook", body: hook });
    }
  const opened = withProject(fixture("gitlab/issue"));
  Object.assign(opened.object_attributes, {
    iid: incident.iid,
    type: "Incident",
    created_at: iso(incident.opened),
    updated_at: iso(incident.opened),
  });
  const closed = structuredClone(opened);
  Object.assign(closed.object_attributes, {
    state: "closed",
    action: "close",
    closed_at: iso(incident.closed),
    updated_at: iso(incident.closed),
  });
  out.push({ event: "Issue Hook", body: opened }, { event: "Issue Hook", body: closed });
  return out;
}

/** The same story as the engine's own records (spec §2). */
async function ingestDirectly(): Promise<void> {
  const opts = { project: DIRECT };
  await ingestOk(
    "pull-requests",
    changes.map((c) => ({
      id: `gitlab:${PROJECT_PATH}!${c.n}`,
      teamId: "web",
      repository: PROJECT_PATH,
      firstCommitAt: iso(c.firstCommit),
      openedAt: iso(c.opened),
      mergedAt: iso(c.merged),
      mergeCommitSha: sha(c.n),
    })),
    opts,
  );
  await ingestOk(
    "builds",
    changes.map((c) => ({
      id: `gitlab:${PROJECT_PATH}/pipelines/${100 + c.n}`,
      repository: PROJECT_PATH,
      commitSha: sha(c.n),
      finishedAt: iso(c.merged + 30 * 60_000),
      status: c.n === 3 ? "failure" : "success",
      startedAt: iso(c.merged + 5 * 60_000),
    })),
    opts,
  );
  await ingestOk(
    "deployments",
    deployments.map((d) => ({
      id: `gitlab:${PROJECT_PATH}/deployments/${d.id}`,
      teamId: "web",
      environment: "production",
      status: d.status === "failed" ? "failure" : "success",
      finishedAt: iso(d.at),
      repository: PROJECT_PATH,
      startedAt: iso(d.at - 20 * 60_000),
    })),
    opts,
  );
  await ingestOk(
    "incidents",
    [
      {
        id: `gitlab:${PROJECT_PATH}/issues/${incident.iid}`,
        teamId: "web",
        openedAt: iso(incident.opened),
        resolvedAt: iso(incident.closed),
      },
    ],
    opts,
  );
}

async function exportCsv(project: string): Promise<string> {
  const res = await api.createExport(
    {
      scope: { teamId: "web" },
      dateRange: { start: "2026-01-01", end: "2026-02-28" },
      metricGroups: ["lttc", "df", "cfr", "mttr", "rating", "summary"],
      options: { granularity: "WEEKLY", compression: "none" },
    },
    { project },
  );
  if (res.status !== 202) throw new Error(`create: ${res.status} ${await res.text()}`);
  const { exportId } = await json<{ exportId: string }>(res);
  expect(await pollUntilFinal(exportId, { project })).toMatchObject({ status: "COMPLETED" });
  return csvText(await api.download(exportId, { project }));
}

beforeAll(async () => {
  for (const project of [undefined, DIRECT])
    await ingestOk("teams", [{ id: "web", name: "Web", orgTree: "Engineering" }], { project });
  await setTokens(await runtime());
  expect((await putMapping(`teams:\n  - gitlabProject: acme/platform/*\n    team: web\n`)).status).toBe(200);
});

describe("end to end: GitLab webhooks → records → export", () => {
  it("the export from GitLab's webhooks equals the export from the same records ingested directly", async () => {
    for (const d of deliveries()) expect((await deliverGitlab(d)).status).toBe(202);
    await (await runtime()).sources.mapper.idle();
    await ingestDirectly();
    const fromWebhooks = await exportCsv("web");
    const direct = await exportCsv(DIRECT);
    expect(fromWebhooks).toBe(direct);
    // And it is not an empty export: lead times, deployments, a failure and a restore are in it.
    const total = parseCsv(fromWebhooks).find((r) => r.Period === "TOTAL")!;
    expect(total).toMatchObject({
      LTTC_Change_Count: "6",
      DF_Deployment_Count: "3",
      CFR_Total_Failures: "2",
      MTTR_Incident_Count: "1",
    });
  });
});
