// End to end: a repository's story told by webhooks (pull requests, pushes, workflow runs,
// deployment statuses, an incident issue opened and closed) gives the same export, figure for figure,
// as the equivalent records sent to /v2/ingest directly.
import { beforeAll, describe, expect, it } from "vitest";
import { api, csvText, ingestOk, json, parseCsv, pollUntilFinal, setupEngine } from "../engine-api/helpers";
import { deliver, example, putMapping, setGithubSecret, type Payload } from "./helpers";

const runtime = setupEngine();
const DIRECT = "direct";
const REPO = "Codertocat/Hello-World";
const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
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
  { id: 11, at: changes[1]!.merged + 3 * H, state: "success" },
  { id: 12, at: changes[2]!.merged + 2 * H, state: "failure" },
  { id: 13, at: changes[3]!.merged + 5 * H, state: "success" },
  { id: 14, at: changes[5]!.merged + 1 * H, state: "success" },
];
const incident = { n: 40, opened: deployments[2]!.at + 2 * H, closed: deployments[2]!.at + 6 * H };

/** The webhooks GitHub would send, in the order it might send them. */
function deliveries(): { event: string; body: Payload }[] {
  const out: { event: string; body: Payload }[] = [];
  for (const c of changes) {
    const push = example("push", (p) => p.ref === "refs/heads/master" && p.commits.length > 0);
    push.ref = `refs/heads/change-${c.n}`;
    push.commits = [
      { ...push.commits[0], timestamp: iso(c.firstCommit) },
      { ...push.commits[0], timestamp: iso(c.firstCommit + H) },
    ];
    const opened = example("pull_request", (p) => p.action === "opened");
    Object.assign(opened.pull_request, {
      number: c.n,
      created_at: iso(c.opened),
      updated_at: iso(c.opened),
      title: `Change ${c.n}`,
      body: null,
    });
    opened.pull_request.head = { ...opened.pull_request.head, ref: `change-${c.n}` };
    const merged = structuredClone(opened);
    merged.action = "closed";
    Object.assign(merged.pull_request, {
      state: "closed",
      merged: true,
      merged_at: iso(c.merged),
      closed_at: iso(c.merged),
      updated_at: iso(c.merged),
      merge_commit_sha: sha(c.n),
    });
    const run = example("workflow_run", (p) => p.workflow_run.conclusion === "success");
    run.repository.full_name = REPO;
    Object.assign(run.workflow_run, {
      id: 100 + c.n,
      head_sha: sha(c.n),
      run_started_at: iso(c.merged + 5 * 60_000),
      updated_at: iso(c.merged + 30 * 60_000),
      conclusion: c.n === 3 ? "failure" : "success",
    });
    out.push(
      { event: "push", body: push },
      { event: "pull_request", body: opened },
      { event: "pull_request", body: merged },
      { event: "workflow_run", body: run },
    );
  }
  for (const d of deployments) {
    const status = example("deployment_status");
    status.deployment.id = d.id;
    status.deployment.created_at = iso(d.at - 20 * 60_000);
    Object.assign(status.deployment_status, { id: d.id * 10, state: d.state, created_at: iso(d.at) });
    out.push({ event: "deployment_status", body: status });
  }
  const opened = example("issues", (p) => p.action === "opened");
  Object.assign(opened.issue, {
    number: incident.n,
    labels: [{ name: "incident" }],
    created_at: iso(incident.opened),
    updated_at: iso(incident.opened),
  });
  const closed = structuredClone(opened);
  closed.action = "closed";
  Object.assign(closed.issue, { state: "closed", closed_at: iso(incident.closed), updated_at: iso(incident.closed) });
  out.push({ event: "issues", body: opened }, { event: "issues", body: closed });
  return out;
}

/** The same story as the engine's own records (spec §2). */
async function ingestDirectly(): Promise<void> {
  const opts = { project: DIRECT };
  await ingestOk(
    "pull-requests",
    changes.map((c) => ({
      id: `github:${REPO}#${c.n}`,
      teamId: "web",
      repository: REPO,
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
      id: `github:${REPO}/runs/${100 + c.n}`,
      repository: REPO,
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
      id: `github:${REPO}/deployments/${d.id}`,
      teamId: "web",
      environment: "production",
      status: d.state,
      finishedAt: iso(d.at),
      repository: REPO,
      startedAt: iso(d.at - 20 * 60_000),
    })),
    opts,
  );
  await ingestOk(
    "incidents",
    [
      {
        id: `github:${REPO}/issues/${incident.n}`,
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
  await setGithubSecret(await runtime());
  expect((await putMapping(`teams:\n  - repository: ${REPO}\n    team: web\n`)).status).toBe(200);
});

describe("end to end: webhooks → records → export", () => {
  it("the export from webhooks equals the export from the same records ingested directly", async () => {
    for (const d of deliveries()) expect((await deliver(d)).status).toBe(202);
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
