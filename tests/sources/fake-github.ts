// A local stand-in for GitHub's REST API, for the importer's tests and its benchmark: one
// repository's pull requests (with commits), deployments (with statuses), workflow runs and issues,
// shaped like GitHub's (the objects are GitHub's own webhook examples with their fields changed),
// paginated with `link` headers, and faults on demand: a secondary rate limit (403 with
// retry-after), a dropped connection, an outage.
import http from "node:http";
import type { AddressInfo } from "node:net";
import examples from "@octokit/webhooks-examples";

type Obj = Record<string, unknown>;

const template = (event: string, key: string): Obj => {
  const entry = (examples as { name: string; examples: Obj[] }[]).find((e) => e.name === event)!;
  return entry.examples[0]![key] as Obj;
};

export interface FakeRepo {
  fullName: string;
  pulls: Obj[];
  commits: Map<number, Obj[]>;
  deployments: Obj[];
  statuses: Map<number, Obj[]>;
  runs: Obj[];
  issues: Obj[];
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const sha = (n: number, salt = 0) => (n * 2654435761 + salt * 97).toString(16).padStart(8, "0").repeat(5).slice(0, 40);

/** A repository of `pulls` pull requests: most merged, a deployment every five, a run per merge, an issue every ten. */
export function fakeRepo(pulls: number, fullName = "acme/app", start = Date.parse("2026-01-05T09:00:00Z")): FakeRepo {
  const pr = template("pull_request", "pull_request");
  const repo: FakeRepo = {
    fullName,
    pulls: [],
    commits: new Map(),
    deployments: [],
    statuses: new Map(),
    runs: [],
    issues: [],
  };
  for (let n = 1; n <= pulls; n++) {
    const created = start + n * 2 * HOUR;
    const merged = n % 7 === 0 ? null : created + 5 * HOUR;
    repo.pulls.push({
      ...pr,
      id: 100_000 + n,
      number: n,
      title: n % 3 === 0 ? `APP-${n} refunds` : `Change ${n}`,
      body: n % 4 === 0 ? `Fixes #${pulls + n}` : null,
      state: n % 7 === 0 && n % 2 === 0 ? "open" : "closed",
      created_at: iso(created),
      updated_at: iso((merged ?? created) + HOUR),
      closed_at: merged ? iso(merged) : n % 2 === 0 ? null : iso(created + 3 * HOUR),
      merged_at: merged ? iso(merged) : null,
      merge_commit_sha: sha(n),
      head: { ...(pr.head as Obj), ref: `feature/change-${n}`, sha: sha(n, 1) },
    });
    if (merged)
      repo.commits.set(
        n,
        [30, 12, 2].map((h, i) => ({
          sha: sha(n, 10 + i),
          commit: {
            author: { name: "Dev", email: "dev@example.com", date: iso(created - h * HOUR) },
            committer: { name: "Dev", email: "dev@example.com", date: iso(created - h * HOUR + 60_000) },
            message: `commit ${i}`,
          },
        })),
      );
    if (merged)
      repo.runs.push({
        ...template("workflow_run", "workflow_run"),
        id: 500_000 + n,
        name: "CI",
        path: ".github/workflows/ci.yml",
        head_branch: "main",
        head_sha: sha(n),
        status: "completed",
        conclusion: n % 10 === 0 ? "failure" : "success",
        run_attempt: 1,
        run_started_at: iso(merged + 5 * 60_000),
        created_at: iso(merged + 60_000),
        updated_at: iso(merged + 20 * 60_000),
      });
    if (n % 5 === 0) {
      const id = 900_000 + n;
      const at = created + 8 * HOUR;
      repo.deployments.push({
        ...template("deployment_status", "deployment"),
        id,
        sha: sha(n),
        ref: "main",
        environment: n % 10 === 0 ? "staging" : "production",
        created_at: iso(at),
        updated_at: iso(at + 10 * 60_000),
      });
      const status = template("deployment_status", "deployment_status");
      // Newest first, as GitHub lists them.
      repo.statuses.set(id, [
        {
          ...status,
          id: id * 10 + 2,
          state: n % 15 === 0 ? "failure" : "success",
          created_at: iso(at + 10 * 60_000),
          updated_at: iso(at + 10 * 60_000),
        },
        {
          ...status,
          id: id * 10 + 1,
          state: "in_progress",
          created_at: iso(at + 60_000),
          updated_at: iso(at + 60_000),
        },
      ]);
    }
  }
  const issue = template("issues", "issue");
  for (let i = 1; i <= Math.ceil(pulls / 10); i++) {
    const n = pulls + i;
    const opened = start + i * 5 * HOUR;
    repo.issues.push({
      ...issue,
      id: 700_000 + n,
      number: n,
      labels: i % 3 === 0 ? [{ ...(issue.labels as Obj[])[0], name: "incident" }] : [],
      state: i % 2 === 0 ? "closed" : "open",
      state_reason: i % 2 === 0 ? "completed" : null,
      created_at: iso(opened),
      updated_at: iso(opened + 2 * HOUR),
      closed_at: i % 2 === 0 ? iso(opened + 2 * HOUR) : null,
    });
  }
  // GitHub's issues list holds the pull requests too.
  for (const p of repo.pulls.slice(0, 3))
    repo.issues.push({
      ...issue,
      id: 800_000 + Number(p.number),
      number: p.number,
      pull_request: { url: "…" },
      created_at: p.created_at,
      updated_at: p.updated_at,
    });
  repo.issues.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  return repo;
}

export interface Fault {
  /** Which requests it hits: a test of the path and query. */
  match: (url: URL) => boolean;
  kind: "secondary-limit" | "drop";
  /** How many matching requests it hits (then it is spent); Infinity for an outage. */
  times: number;
}

export interface FakeGithub {
  url: string;
  requests: { at: number; method: string; path: string; status: number | "dropped" }[];
  faults: Fault[];
  close: () => Promise<void>;
}

export async function startFakeGithub(repo: FakeRepo): Promise<FakeGithub> {
  const requests: FakeGithub["requests"] = [];
  const faults: Fault[] = [];
  const base = `/repos/${repo.fullName}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const log = {
      at: Date.now(),
      method: req.method ?? "GET",
      path: `${url.pathname}${url.search}`,
      status: 200 as number | "dropped",
    };
    requests.push(log);
    const fault = faults.find((f) => f.times > 0 && f.match(url));
    if (fault) {
      fault.times--;
      if (fault.kind === "drop") {
        log.status = "dropped";
        req.socket.destroy();
        return;
      }
      log.status = 403;
      res.writeHead(403, { "content-type": "application/json", "retry-after": "1" });
      res.end(
        JSON.stringify({
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url: "https://docs.github.com/rest",
        }),
      );
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.status = status;
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const page = (items: unknown[], wrap?: (slice: unknown[]) => unknown) => {
      const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
      const n = Math.max(1, Number(url.searchParams.get("page") ?? 1));
      const slice = items.slice((n - 1) * perPage, n * perPage);
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const link = (p: number) => {
        const u = new URL(url.toString());
        u.searchParams.set("page", String(p));
        return `<http://${req.headers.host}${u.pathname}${u.search}>`;
      };
      const links = [
        ...(n < last ? [`${link(n + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []),
        ...(n > 1 ? [`${link(1)}; rel="first"`, `${link(n - 1)}; rel="prev"`] : []),
      ];
      send(200, wrap ? wrap(slice) : slice, links.length ? { link: links.join(", ") } : {});
    };
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (p === base)
      return send(200, {
        id: 1296269,
        name: repo.fullName.split("/")[1],
        full_name: repo.fullName,
        default_branch: "main",
      });
    if (p === `${base}/pulls`) return page(repo.pulls);
    if ((m = new RegExp(`^${base}/pulls/(\\d+)/commits$`).exec(p))) return page(repo.commits.get(Number(m[1])) ?? []);
    if (p === `${base}/deployments`) return page([...repo.deployments].reverse());
    if ((m = new RegExp(`^${base}/deployments/(\\d+)/statuses$`).exec(p)))
      return page(repo.statuses.get(Number(m[1])) ?? []);
    if (p === `${base}/actions/runs`)
      return page([...repo.runs].reverse(), (slice) => ({ total_count: repo.runs.length, workflow_runs: slice }));
    if (p === `${base}/issues`) return page(repo.issues);
    send(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
