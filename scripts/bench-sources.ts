// npm run bench:sources [-- --deliveries 10000 --prs 5000] – the sources end to end on a production
// build: GitHub's webhook deliveries, then GitLab's, then PagerDuty's (`--pagerduty`), Jira's
// (`--jira`) and CDEvents' (`--cdevents`), sent `--concurrency` at a time (every answer timed; the last mapped how long after the last answer), then
// a backfill of a fake GitHub repository of `--prs` pull requests (with commits, runs, deployments and
// issues) from a local fake of GitHub's API, and of a fake GitLab project of as many merge requests
// from a fake of GitLab's. See docs/benchmarks.md.
import crypto from "node:crypto";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import examples from "@octokit/webhooks-examples";
import { logToStderr } from "@/lib/server";
import { importGithub, importGitlab, setSecret, startSources } from "@/lib/sources";
import { openStore, type Store } from "@/lib/store";
import { fakeRepo, startFakeGithub } from "../tests/sources/fake-github";
import { fakeProject, startFakeGitlab } from "../tests/sources/fake-gitlab";
import { cdeventsDelivery, CDEVENTS_SOURCES, CDEVENTS_TOKEN } from "./bench-sources-cdevents";
import { gitlabDelivery, GITLAB_TOKEN } from "./bench-sources-gitlab";
import { jiraDelivery, JIRA_PROJECTS, JIRA_SECRET } from "./bench-sources-jira";
import { call, waitReady, type Client } from "./bench-engine/client";
import { DIST_DIR, ensureBuild, freePort, startServer, waitSettled, type Server } from "./bench-engine/server";
import { fmt, percentile } from "./bench-engine/stats";

const TARGETS = { answerP99Ms: 100, mappedWithinMs: 30_000, backfillMs: 60_000 };
const ORG = "bench";
const PROJECT = "sources";
const SECRET = "bench-webhook-secret-0123456789abcdef";
const USAGE = `Usage: npm run bench:sources [-- options]
  --deliveries <n>   webhook deliveries sent, of GitHub and again of GitLab    [10000]
  --concurrency <n>  deliveries in flight                                         [20]
  --prs <n>          pull requests (merge requests) of the repository backfilled [5000]
  --pagerduty <n>    PagerDuty deliveries sent after GitHub's (incidents of 20 services) [2000]
  --jira <n>         Jira deliveries sent after PagerDuty's (issues of 10 projects)    [2000]
  --cdevents <n>     CDEvents deliveries sent after Jira's (binary and structured)     [2000]
  --warmup <n>       GitHub deliveries sent first, untimed: a fresh server's first ones [200]
  --skip-build       use the build as it is
  --dist-dir <dir>   serve another build (e.g. .next, after npm run build)    [${DIST_DIR}]
  --keep-data        keep the temporary data dir
`;

const out = (line = "") => process.stdout.write(`${line}\n`);
type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function template(event: string, pick: (p: Payload) => boolean = () => true): Payload {
  const entry = (examples as { name: string; examples: Payload[] }[]).find((e) => e.name === event)!;
  return entry.examples.find(pick)!;
}

/** Delivery i of a busy organisation: 40 repositories, pull requests opened and merged, pushes, runs, deployments, issues. */
function delivery(i: number): { event: string; body: Payload } {
  const repo = `bench-org/repo-${i % 40}`;
  const n = Math.floor(i / 40) + 1;
  const at = Date.parse("2026-01-05T00:00:00Z") + i * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const withRepo = (body: Payload) => ({ ...body, repository: { ...body.repository, full_name: repo } });
  switch (i % 6) {
    case 0:
    case 1: {
      const p = structuredClone(template("pull_request", (x) => x.action === "opened"));
      const merged = i % 6 === 1;
      Object.assign(p.pull_request, {
        number: n,
        created_at: iso(at - 3_600_000),
        updated_at: iso(at),
        state: merged ? "closed" : "open",
        merged_at: merged ? iso(at) : null,
        closed_at: merged ? iso(at) : null,
        merge_commit_sha: crypto.createHash("sha1").update(`${repo}#${n}`).digest("hex"),
        head: { ...p.pull_request.head, ref: `feature/BENCH-${n}` },
      });
      return { event: "pull_request", body: withRepo({ ...p, action: merged ? "closed" : "opened" }) };
    }
    case 2: {
      const p = structuredClone(template("push", (x) => x.commits.length > 0));
      p.ref = `refs/heads/feature/BENCH-${n}`;
      p.commits = p.commits.map((c: Payload) => ({ ...c, timestamp: iso(at - 86_400_000) }));
      return { event: "push", body: withRepo(p) };
    }
    case 3: {
      const p = structuredClone(template("workflow_run", (x) => x.workflow_run.conclusion === "success"));
      Object.assign(p.workflow_run, { id: 10_000_000 + i, updated_at: iso(at) });
      return { event: "workflow_run", body: withRepo(p) };
    }
    case 4: {
      const p = structuredClone(template("deployment_status"));
      p.deployment.id = 20_000_000 + i;
      Object.assign(p.deployment_status, { id: 30_000_000 + i, created_at: iso(at) });
      return { event: "deployment_status", body: withRepo(p) };
    }
    default: {
      const p = structuredClone(template("issues", (x) => x.action === "opened"));
      Object.assign(p.issue, {
        number: 100_000 + n,
        created_at: iso(at),
        updated_at: iso(at),
        labels: i % 12 === 5 ? [{ name: "incident" }] : [],
      });
      return { event: "issues", body: withRepo(p) };
    }
  }
}

type Delivery = { headers: Record<string, string>; raw: string };

/** A GitHub delivery as GitHub sends it: the event's headers and the body's signature. */
function signedGithub(event: string, body: Payload, id: string): Delivery {
  const raw = JSON.stringify(body);
  const headers = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": id,
    "x-hub-signature-256": `sha256=${crypto.createHmac("sha256", SECRET).update(raw).digest("hex")}`,
  };
  return { headers, raw };
}

/**
 * Posts the deliveries `concurrency` at a time over keep-alive connections; every answer's time and
 * the count of each status. The client shares the machine with the server, and what it spends is
 * counted into every answer it is waiting for: so the bodies are encoded before the clock starts,
 * the client collects its garbage first (`--expose-gc`), and it posts with node:http rather than
 * fetch, whose streams made the client's collections (up to 45 ms) part of the answer times.
 */
async function post(url: string, deliveries: Delivery[], concurrency: number) {
  const encoded = deliveries.map(({ headers, raw }) => {
    const body = Buffer.from(raw);
    return { headers: { ...headers, "content-length": String(body.byteLength) }, body };
  });
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const started = performance.now();
  const worker = async () => {
    while (next < encoded.length) {
      const d = encoded[next++]!;
      const s = performance.now();
      const status = await postOnce(url, d.headers, d.body, agent);
      times.push(performance.now() - s);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, encoded.length) }, worker));
  agent.destroy();
  return { times, statuses, started };
}

/** One POST: its status once the whole answer is read. */
function postOnce(url: string, headers: Record<string, string>, body: Buffer, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers, agent, timeout: 30_000 }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url} in 30 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends the deliveries `concurrency` at a time, timing every answer, then waits until all are mapped. */
async function sendAll(
  db: Store,
  title: string,
  url: string,
  deliveries: Delivery[],
  concurrency: number,
): Promise<void> {
  const { times, statuses, started: t0 } = await post(url, deliveries, concurrency);
  const lastAnswer = performance.now();
  let pending = Infinity;
  while (pending > 0 && performance.now() - lastAnswer < 300_000) {
    const row = await db
      .selectFrom("source_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirst();
    pending = Number(row?.n ?? 0);
    if (pending > 0) await new Promise((r) => setTimeout(r, 100));
  }
  const mappedAfter = performance.now() - lastAnswer;
  const source = /\/v2\/sources\/(\w+)\//.exec(url)?.[1] ?? "";
  const outcome = await db
    .selectFrom("source_events")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("source", "=", source)
    .where("delivery_id", "not like", "warmup-%")
    .groupBy("status")
    .execute();
  const p99 = percentile(times, 0.99);
  out();
  out(`## ${title}`);
  out(
    `- answered: ${fmt(times.length)} in ${fmt((lastAnswer - t0) / 1000, 1)} s (${fmt(times.length / ((lastAnswer - t0) / 1000))}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  out(
    `- answer time: p50 ${fmt(percentile(times, 0.5), 1)} ms, p90 ${fmt(percentile(times, 0.9), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(Math.max(...times), 1)} ms (target p99 < ${TARGETS.answerP99Ms} ms: ${p99 < TARGETS.answerP99Ms ? "met" : "MISSED"})`,
  );
  out(
    `- all mapped ${fmt(mappedAfter / 1000, 1)} s after the last answer (target < ${TARGETS.mappedWithinMs / 1000} s: ${pending === 0 && mappedAfter < TARGETS.mappedWithinMs ? "met" : "MISSED"}); outcomes ${JSON.stringify(Object.fromEntries(outcome.map((o) => [o.status, Number(o.n)])))}`,
  );
}

/**
 * The first deliveries a fresh server takes load the route's code, grow the heap and tune the JIT:
 * they are sent before the timed bursts (which stand for a server that has been running), and
 * reported on their own. They are deliveries of repositories of their own, mapped like the others.
 */
async function warmUp(url: string, count: number, concurrency: number, settledSeconds: number): Promise<void> {
  const deliveries = Array.from({ length: count }, (_, i) => {
    const d = delivery(i);
    const body = { ...d.body, repository: { ...d.body.repository, full_name: `bench-org/warmup-${i % 4}` } };
    return signedGithub(d.event, body, `warmup-${i}`);
  });
  const { times, statuses } = await post(url, deliveries, concurrency);
  if ([...statuses.keys()].some((status) => status !== 202))
    throw new Error(`warm-up deliveries answered ${JSON.stringify(Object.fromEntries(statuses))}`);
  out();
  out("## A fresh server's first deliveries");
  out(`- the server's start-up work (the chart worker's warm-up) was done ${fmt(settledSeconds, 1)} s after setup`);
  if (count > 0)
    out(
      `- ${fmt(count)} GitHub deliveries, untimed in the figures below: p50 ${fmt(percentile(times, 0.5), 1)} ms, p99 ${fmt(percentile(times, 0.99), 1)} ms, max ${fmt(Math.max(...times), 1)} ms`,
    );
}

/** Runs one importer against its fake API and reports its time, mapping included, and its records. */
async function backfill(db: Store, title: string, run: () => Promise<{ prefix: string; what: string }>) {
  const b0 = performance.now();
  const { prefix, what } = await run();
  const backfillMs = performance.now() - b0;
  const records = await db
    .selectFrom("source_records")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", ORG)
    .where("project_id", "=", PROJECT)
    .where("record_id", "like", `${prefix}%`)
    .executeTakeFirst();
  out();
  out(`## ${title}`);
  out(`- ${what}, ${fmt(Number(records?.n ?? 0))} records`);
  out(
    `- took ${fmt(backfillMs / 1000, 1)} s, mapping included (target < ${TARGETS.backfillMs / 1000} s: ${backfillMs < TARGETS.backfillMs ? "met" : "MISSED"})`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      deliveries: { type: "string", default: "10000" },
      concurrency: { type: "string", default: "20" },
      prs: { type: "string", default: "5000" },
      pagerduty: { type: "string", default: "2000" },
      jira: { type: "string", default: "2000" },
      cdevents: { type: "string", default: "2000" },
      warmup: { type: "string", default: "200" },
      "skip-build": { type: "boolean" },
      "dist-dir": { type: "string", default: DIST_DIR },
      "keep-data": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return out(USAGE);
  logToStderr();
  process.env.FOURFOLD_LOG ??= "warn";
  const total = Number(values.deliveries);
  const concurrency = Number(values.concurrency);
  const prs = Number(values.prs);
  const distDir = values["dist-dir"];
  if (distDir === DIST_DIR) ensureBuild(Boolean(values["skip-build"]));
  else if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no build in ${distDir}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-bench-sources-"));
  const key = `ff_bench_${crypto.randomBytes(8).toString("hex")}`;
  const port = await freePort();
  let server: Server | null = startServer({ port, dataDir, apiKey: key, distDir });
  const stop = () => server?.stop();
  process.once("exit", stop);
  try {
    const c: Client = { base: server.base, key, org: ORG, project: PROJECT };
    await waitReady(c, 120_000, () => server!.child.exitCode === null);
    const teams = await call(c, "POST", "/v2/ingest/teams", {
      items: [{ id: "bench", name: "Bench", orgTree: "Bench" }],
    });
    if (teams.status !== 200) throw new Error(`teams: ${teams.status}`);
    const mapping = await call(c, "PUT", "/v2/sources/mapping", {
      teams: [
        { repository: "bench-org/*", team: "bench" },
        { repository: "acme/*", team: "bench" },
        { gitlabProject: "bench-group/**", team: "bench" },
        { gitlabProject: "acme/**", team: "bench" },
        { pagerdutyService: "Bench service *", team: "bench" },
        { jiraProject: JIRA_PROJECTS, team: "bench" },
        { cdeventsSource: CDEVENTS_SOURCES, team: "bench" },
      ],
    });
    if (mapping.status !== 200) throw new Error(`mapping: ${mapping.status} ${JSON.stringify(mapping.body)}`);
    const db = await openStore(path.join(dataDir, "fourfold.db"), { migrate: false });
    const sources = startSources({ db, dataDir, mapPending: false });
    await setSecret(db, sources.key, { org: ORG, project: PROJECT }, "github", SECRET);
    await setSecret(db, sources.key, { org: ORG, project: PROJECT }, "gitlab", GITLAB_TOKEN);
    const query = `orgIdentifier=${ORG}&projectIdentifier=${PROJECT}`;
    await setSecret(db, sources.key, { org: ORG, project: PROJECT }, "pagerduty", SECRET);
    await setSecret(db, sources.key, { org: ORG, project: PROJECT }, "jira", JIRA_SECRET);
    await setSecret(db, sources.key, { org: ORG, project: PROJECT }, "cdevents", CDEVENTS_TOKEN);

    out(
      `# bench:sources — ${total} deliveries of GitHub and of GitLab, ${values.pagerduty} of PagerDuty, ${values.jira} of Jira, ${values.cdevents} of CDEvents, ${concurrency} at a time; backfills of ${prs} pull requests`,
    );
    const github = Array.from({ length: total }, (_, i) => {
      const d = delivery(i);
      return signedGithub(d.event, d.body, `bench-${i}`);
    });
    const settled = await waitSettled(server);
    await warmUp(`${server.base}/v2/sources/github/webhook?${query}`, Number(values.warmup), concurrency, settled);
    await sendAll(db, "Webhooks: GitHub", `${server.base}/v2/sources/github/webhook?${query}`, github, concurrency);
    const gitlab = Array.from({ length: total }, (_, i) => gitlabDelivery(i));
    await sendAll(db, "Webhooks: GitLab", `${server.base}/v2/sources/gitlab/webhook?${query}`, gitlab, concurrency);

    await benchPagerduty(server.base, db, Number(values.pagerduty), concurrency);
    const jiraTotal = Number(values.jira);
    if (jiraTotal > 0) {
      const jira = Array.from({ length: jiraTotal }, (_, i) => jiraDelivery(i));
      await sendAll(db, "Webhooks: Jira", `${server.base}/v2/sources/jira/webhook?${query}`, jira, concurrency);
    }
    const cdeventsTotal = Number(values.cdevents);
    if (cdeventsTotal > 0) {
      const cdevents = Array.from({ length: cdeventsTotal }, (_, i) => cdeventsDelivery(i));
      const url = `${server.base}/v2/sources/cdevents/webhook?${query}`;
      await sendAll(db, "Webhooks: CDEvents", url, cdevents, concurrency);
    }

    try {
      await backfill(db, "Backfill: GitHub", async () => {
        const repo = fakeRepo(prs);
        const fake = await startFakeGithub(repo);
        try {
          const result = await importGithub(
            sources,
            { org: ORG, project: PROJECT },
            { repo: repo.fullName, apiUrl: fake.url, concurrency: 8 },
          );
          return {
            prefix: `github:${repo.fullName}`,
            what: `${fmt(prs)} pull requests, ${fmt(repo.deployments.length)} deployments, ${fmt(repo.runs.length)} runs, ${fmt(repo.issues.length)} issues: ${fmt(result.pages)} pages, ${fmt(fake.requests.length)} requests, ${fmt(result.newEvents)} events`,
          };
        } finally {
          await fake.close();
        }
      });
      await backfill(db, "Backfill: GitLab", async () => {
        const project = fakeProject(prs, "acme/bench/app");
        const fake = await startFakeGitlab(project);
        try {
          const result = await importGitlab(
            sources,
            { org: ORG, project: PROJECT },
            { project: project.path, apiUrl: fake.url, concurrency: 8 },
          );
          return {
            prefix: `gitlab:${project.path}`,
            what: `${fmt(prs)} merge requests, ${fmt(project.deployments.length)} deployments, ${fmt(project.pipelines.length)} pipelines, ${fmt(project.issues.length)} issues: ${fmt(result.pages)} pages, ${fmt(fake.requests.length)} requests, ${fmt(result.newEvents)} events`,
          };
        } finally {
          await fake.close();
        }
      });
    } finally {
      await sources.mapper.stop();
      await db.destroy();
    }
  } finally {
    stop();
    server = null;
    if (!values["keep-data"]) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** PagerDuty's deliveries: incidents triggered, a third of them resolved, every tenth reopened. */
function pagerdutyDelivery(i: number): string {
  const n = Math.floor(i / 3);
  const step = i % 3;
  const at = Date.parse("2026-01-05T00:00:00Z") + n * 600_000;
  const type =
    step === 0
      ? "incident.triggered"
      : step === 1
        ? "incident.resolved"
        : n % 10 === 0
          ? "incident.reopened"
          : "incident.acknowledged";
  return JSON.stringify({
    event: {
      id: `01BENCH${String(i).padStart(10, "0")}`,
      event_type: type,
      resource_type: "incident",
      occurred_at: new Date(at + step * 1_800_000).toISOString(),
      agent: null,
      client: null,
      data: {
        id: `PBENCH${n}`,
        type: "incident",
        status: step === 1 ? "resolved" : step === 0 ? "triggered" : "acknowledged",
        created_at: new Date(at).toISOString(),
        title: "Bench incident",
        service: { id: `PSVC${n % 20}`, summary: `Bench service ${n % 20}`, type: "service_reference" },
        urgency: "high",
      },
    },
  });
}

async function benchPagerduty(
  base: string,
  db: Awaited<ReturnType<typeof openStore>>,
  total: number,
  concurrency: number,
) {
  if (total <= 0) return;
  const url = `${base}/v2/sources/pagerduty/webhook?orgIdentifier=${ORG}&projectIdentifier=${PROJECT}`;
  const deliveries = Array.from({ length: total }, (_, i): Delivery => {
    const raw = pagerdutyDelivery(i);
    // Two signatures, as during a secret's rotation: the old one first.
    const sign = (secret: string) => `v1=${crypto.createHmac("sha256", secret).update(raw).digest("hex")}`;
    const signature = `${sign("the-previous-bench-secret")},${sign(SECRET)}`;
    return { headers: { "content-type": "application/json", "x-pagerduty-signature": signature }, raw };
  });
  const { times, statuses, started: t0 } = await post(url, deliveries, concurrency);
  const lastAnswer = performance.now();
  let pending = Infinity;
  while (pending > 0 && performance.now() - lastAnswer < 300_000) {
    const row = await db
      .selectFrom("source_events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirst();
    pending = Number(row?.n ?? 0);
    if (pending > 0) await new Promise((r) => setTimeout(r, 100));
  }
  const mappedAfter = performance.now() - lastAnswer;
  const incidents = await db
    .selectFrom("source_records")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("source", "=", "pagerduty")
    .executeTakeFirst();
  const p99 = percentile(times, 0.99);
  out();
  out("## PagerDuty webhooks");
  out(
    `- answered: ${fmt(times.length)} in ${fmt((lastAnswer - t0) / 1000, 1)} s (${fmt(times.length / ((lastAnswer - t0) / 1000))}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  out(
    `- answer time: p50 ${fmt(percentile(times, 0.5), 1)} ms, p90 ${fmt(percentile(times, 0.9), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(Math.max(...times), 1)} ms (target p99 < ${TARGETS.answerP99Ms} ms: ${p99 < TARGETS.answerP99Ms ? "met" : "MISSED"})`,
  );
  out(
    `- all mapped ${fmt(mappedAfter / 1000, 1)} s after the last answer (target < ${TARGETS.mappedWithinMs / 1000} s: ${pending === 0 && mappedAfter < TARGETS.mappedWithinMs ? "met" : "MISSED"}); ${fmt(Number(incidents?.n ?? 0))} incidents`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:sources failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
