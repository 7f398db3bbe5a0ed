// End to end: PagerDuty incidents (one reopened) and Jira work items told by their webhooks, with
// the pull requests and deployments that link them sent to /v2/ingest, give the same export, figure
// for figure, as the same incidents and work items sent to /v2/ingest directly.
import { beforeAll, describe, expect, it } from "vitest";
import { api, csvText, ingestOk, json, parseCsv, pollUntilFinal, setupEngine } from "../engine-api/helpers";
import { putMapping } from "./helpers";
import { deliverJira, deliverPagerduty, jiraEvent, pdEvent, setVendorSecrets } from "./vendors";

const runtime = setupEngine();
const DIRECT = "direct";
const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
/** Jira's way of writing an instant. */
const jiraTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
const start = Date.parse("2026-01-05T09:00:00Z");
const sha = (n: number) => `${n}`.repeat(40).slice(0, 40);

const items = [1, 2, 3, 4].map((n) => {
  const created = start + n * 2 * DAY;
  return {
    n,
    key: `PAY-${n}`,
    created,
    started: n === 4 ? null : created + (n + 3) * H,
    resolved: n === 4 ? null : created + (n + 2) * DAY,
  };
});
const prs = items.map((w) => ({
  id: `github:acme/pay#${w.n}`,
  teamId: "pay",
  repository: "acme/pay",
  firstCommitAt: iso(w.created + 8 * H),
  openedAt: iso(w.created + 10 * H),
  mergedAt: iso(w.created + 30 * H),
  mergeCommitSha: sha(w.n),
  workItemId: `jira:${w.key}`,
}));
const deployments = items.map((w) => ({
  id: `deploy-${w.n}`,
  teamId: "pay",
  environment: "production",
  status: "success",
  finishedAt: iso(w.created + 34 * H),
  repository: "acme/pay",
  pullRequestIds: [`github:acme/pay#${w.n}`],
}));
// P1 opened after deploy-2 and resolved; P2 resolved, reopened, resolved again.
const p1 = { opened: start + 6 * DAY, resolved: start + 6 * DAY + 5 * H };
const p2 = {
  opened: start + 10 * DAY,
  resolved: start + 10 * DAY + 2 * H,
  reopened: start + 10 * DAY + 6 * H,
  last: start + 11 * DAY,
};

function jiraStory() {
  const out = [];
  for (const w of items) {
    const at = (body: ReturnType<typeof jiraEvent>, updated: number, resolved: number | null) => {
      Object.assign(body.issue.fields, {
        created: jiraTime(w.created),
        updated: jiraTime(updated),
        resolutiondate: resolved === null ? null : jiraTime(resolved),
      });
      return body;
    };
    out.push(at(jiraEvent("issue_created", String(70_000 + w.n), w.key), w.created, null));
    if (w.started !== null)
      out.push(at(jiraEvent("issue_updated-started", String(70_000 + w.n), w.key), w.started, null));
    if (w.resolved !== null)
      out.push(at(jiraEvent("issue_updated-done", String(70_000 + w.n), w.key), w.resolved, w.resolved));
  }
  return out;
}

function pagerdutyStory() {
  const event = (name: string, id: string, opened: number, at: number) => {
    const body = pdEvent(name, id, iso(at));
    body.event.id = `${name}-${id}-${at}`;
    body.event.data.created_at = iso(opened);
    return body;
  };
  return [
    event("incident.triggered", "PE2E001", p1.opened, p1.opened),
    event("incident.resolved", "PE2E001", p1.opened, p1.resolved),
    // P2's events arrive out of order: its last resolution first.
    event("incident.resolved-again", "PE2E002", p2.opened, p2.last),
    event("incident.triggered", "PE2E002", p2.opened, p2.opened),
    event("incident.reopened", "PE2E002", p2.opened, p2.reopened),
    event("incident.resolved", "PE2E002", p2.opened, p2.resolved),
  ];
}

async function exportCsv(project: string): Promise<string> {
  const res = await api.createExport(
    {
      scope: { teamId: "pay" },
      dateRange: { start: "2026-01-01", end: "2026-02-28" },
      metricGroups: ["lttc", "df", "cfr", "mttr", "work_items", "rating", "summary"],
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
  for (const project of [undefined, DIRECT]) {
    await ingestOk("teams", [{ id: "pay", name: "Payments", orgTree: "Engineering" }], { project });
    await ingestOk("pull-requests", prs, { project });
    await ingestOk("deployments", deployments, { project });
  }
  await setVendorSecrets(await runtime());
  expect(
    (
      await putMapping(
        "teams:\n  - jiraProject: PAY\n    team: pay\n  - pagerdutyService: API Service\n    team: pay\n",
      )
    ).status,
  ).toBe(200);
});

describe("end to end: PagerDuty and Jira webhooks → records → export", () => {
  it("the export from webhooks equals the export from the same records ingested directly", async () => {
    for (const body of jiraStory()) expect((await deliverJira({ body })).status).toBe(202);
    for (const body of pagerdutyStory()) expect((await deliverPagerduty({ body })).status).toBe(202);
    await (await runtime()).sources.mapper.idle();
    const direct = { project: DIRECT };
    await ingestOk(
      "work-items",
      items.map((w) => ({
        id: `jira:${w.key}`,
        teamId: "pay",
        key: w.key,
        createdAt: iso(w.created),
        startedAt: w.started === null ? null : iso(w.started),
        resolvedAt: w.resolved === null ? null : iso(w.resolved),
      })),
      direct,
    );
    await ingestOk(
      "incidents",
      [
        { id: "pagerduty:PE2E001", teamId: "pay", openedAt: iso(p1.opened), resolvedAt: iso(p1.resolved) },
        { id: "pagerduty:PE2E002", teamId: "pay", openedAt: iso(p2.opened), resolvedAt: iso(p2.last) },
      ],
      direct,
    );
    const fromWebhooks = await exportCsv("web");
    expect(fromWebhooks).toBe(await exportCsv(DIRECT));
    const total = parseCsv(fromWebhooks).find((r) => r.Period === "TOTAL")!;
    expect(total).toMatchObject({
      LTTC_Change_Count: "4",
      MTTR_Incident_Count: "2",
      CFR_Total_Failures: "2",
      TOTAL_WORK_ITEMS: "3",
      PR_ASSOCIATIONS: "3",
    });
    // The reopened incident's restore time runs from its first opening to its last resolution: 1 day.
    expect(Number(total.MTTR_Mean_Days)).toBeCloseTo((5 / 24 + 1) / 2, 4);
  });
});
