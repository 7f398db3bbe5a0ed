// A local stand-in for GitLab's REST API v4, for the GitLab importer's tests and its benchmark: one
// project's merge requests (with commits), deployments, pipelines (with their jobs) and issues, shaped
// as GitLab's API documents them (docs.gitlab.com/api/merge_requests, /deployments, /pipelines, /jobs,
// /issues), paginated as GitLab paginates (offset: `x-next-page` and `link`; issues keyset: a `cursor`
// in the `link` to the next page), and faults on demand: a 429 with `Retry-After` or `RateLimit-Reset`,
// a dropped connection, an outage.
import http from "node:http";
import type { AddressInfo } from "node:net";

type Obj = Record<string, unknown>;

export interface FakeProject {
  id: number;
  path: string;
  mergeRequests: Obj[];
  commits: Map<number, Obj[]>;
  deployments: Obj[];
  pipelines: Obj[];
  jobs: Map<number, Obj[]>;
  issues: Obj[];
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sha = (n: number, salt = 0) => (n * 2654435761 + salt * 97).toString(16).padStart(8, "0").repeat(5).slice(0, 40);

/** A project of `count` merge requests: most merged, a deployment every five, a pipeline per merge, an issue every two. */
export function fakeProject(count: number, path = "acme/platform/app", start = Date.parse("2026-01-05T09:00:00Z")) {
  const project: FakeProject = {
    id: 4242,
    path,
    mergeRequests: [],
    commits: new Map(),
    deployments: [],
    pipelines: [],
    jobs: new Map(),
    issues: [],
  };
  const web = `https://gitlab.example.com/${path}`;
  for (let n = 1; n <= count; n++) {
    const created = start + n * 2 * HOUR;
    const merged = n % 7 === 0 ? null : created + 5 * HOUR;
    const closed = merged === null && n % 2 === 1 ? created + 3 * HOUR : null;
    project.mergeRequests.push({
      id: 90_000 + n,
      iid: n,
      project_id: project.id,
      title: n % 3 === 0 ? `APP-${n} refunds` : `Change ${n}`,
      description: n % 4 === 0 ? `Closes #${count + n}` : "",
      state: merged ? "merged" : closed ? "closed" : "opened",
      created_at: iso(created),
      updated_at: iso((merged ?? closed ?? created) + HOUR),
      merged_at: merged ? iso(merged) : null,
      closed_at: closed ? iso(closed) : null,
      target_branch: "main",
      source_branch: `feature/change-${n}`,
      source_project_id: project.id,
      target_project_id: project.id,
      sha: sha(n, 1),
      merge_commit_sha: merged ? sha(n) : null,
      squash_commit_sha: null,
      draft: false,
      web_url: `${web}/-/merge_requests/${n}`,
    });
    if (merged) {
      project.commits.set(
        n,
        [2, 12, 30].map((h, i) => ({
          id: sha(n, 10 + i),
          short_id: sha(n, 10 + i).slice(0, 8),
          title: `commit ${i}`,
          author_name: "Dev",
          author_email: "dev@example.com",
          authored_date: iso(created - h * HOUR),
          committer_name: "Dev",
          committer_email: "dev@example.com",
          committed_date: iso(created - h * HOUR + 60_000),
          created_at: iso(created - h * HOUR + 60_000),
          message: `commit ${i}`,
        })),
      );
      const pid = 500_000 + n;
      project.pipelines.push({
        id: pid,
        iid: n,
        project_id: project.id,
        sha: sha(n),
        ref: "main",
        status: n % 10 === 0 ? "failed" : "success",
        source: "push",
        created_at: iso(merged + 60_000),
        updated_at: iso(merged + 20 * 60_000),
        started_at: iso(merged + 2 * 60_000),
        finished_at: iso(merged + 20 * 60_000),
        web_url: `${web}/-/pipelines/${pid}`,
      });
      project.jobs.set(pid, [
        {
          id: pid * 10 + 1,
          status: n % 10 === 0 ? "failed" : "success",
          stage: "test",
          name: "test",
          ref: "main",
          created_at: iso(merged + 60_000),
          started_at: iso(merged + 2 * 60_000),
          finished_at: iso(merged + 10 * 60_000),
        },
        {
          id: pid * 10 + 2,
          status: n % 10 === 0 ? "skipped" : "success",
          stage: "deploy",
          name: "deploy-production",
          ref: "main",
          created_at: iso(merged + 60_000),
          started_at: n % 10 === 0 ? null : iso(merged + 11 * 60_000),
          finished_at: n % 10 === 0 ? null : iso(merged + 20 * 60_000),
        },
      ]);
    }
    if (n % 5 === 0) {
      const at = created + 8 * HOUR;
      project.deployments.push({
        id: 700_000 + n,
        iid: n / 5,
        ref: "main",
        sha: sha(n),
        created_at: iso(at),
        updated_at: iso(at + 10 * 60_000),
        status: n % 15 === 0 ? "failed" : "success",
        user: { id: 1, username: "root", name: "Administrator" },
        environment: {
          id: n % 10 === 0 ? 2 : 1,
          name: n % 10 === 0 ? "staging" : "production",
          external_url: null,
        },
        deployable: {
          id: 800_000 + n,
          status: n % 15 === 0 ? "failed" : "success",
          stage: "deploy",
          name: "deploy",
          ref: "main",
          created_at: iso(at),
          started_at: iso(at + 60_000),
          finished_at: iso(at + 10 * 60_000),
        },
      });
    }
  }
  for (let i = 1; i <= Math.ceil(count / 2); i++) {
    const n = count + i;
    const opened = start + i * 5 * HOUR;
    const incident = i % 3 === 0;
    const closed = i % 2 === 0;
    project.issues.push({
      id: 600_000 + n,
      iid: n,
      project_id: project.id,
      title: incident ? `Outage ${i}` : `Task ${i}`,
      state: closed ? "closed" : "opened",
      created_at: iso(opened),
      updated_at: iso(opened + 2 * HOUR),
      closed_at: closed ? iso(opened + 2 * HOUR) : null,
      labels: i % 9 === 0 ? ["incident"] : [],
      issue_type: incident && i % 9 !== 0 ? "incident" : "issue",
      type: incident && i % 9 !== 0 ? "INCIDENT" : "ISSUE",
      moved_to_id: null,
      web_url: `${web}/-/issues/${n}`,
    });
  }
  return project;
}

export interface Fault {
  /** Which requests it hits: a test of the path and query. */
  match: (url: URL) => boolean;
  kind: "retry-after" | "ratelimit-reset" | "drop";
  /** How many matching requests it hits (then it is spent); Infinity for an outage. */
  times: number;
}

export interface FakeGitlab {
  url: string;
  requests: { at: number; path: string; status: number | "dropped"; token: string | null }[];
  faults: Fault[];
  close: () => Promise<void>;
}

export async function startFakeGitlab(project: FakeProject): Promise<FakeGitlab> {
  const requests: FakeGitlab["requests"] = [];
  const faults: Fault[] = [];
  // A project is named by its id or its URL-encoded full path, as GitLab allows.
  const byPath = `/api/v4/projects/${encodeURIComponent(project.path)}`;
  const byId = `/api/v4/projects/${project.id}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const log = {
      at: Date.now(),
      path: `${url.pathname}${url.search}`,
      status: 200 as number | "dropped",
      token: (req.headers["private-token"] as string | undefined) ?? null,
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
      log.status = 429;
      res.writeHead(429, {
        "content-type": "application/json",
        ...(fault.kind === "retry-after"
          ? { "retry-after": "1" }
          : { "ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 1) }),
        "ratelimit-remaining": "0",
      });
      res.end(JSON.stringify({ message: "429 Too Many Requests" }));
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.status = status;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const host = `http://${req.headers.host}`;
    const offsetPage = (items: Obj[]) => {
      const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 20));
      const n = Math.max(1, Number(url.searchParams.get("page") ?? 1));
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const link = (p: number) => {
        const u = new URL(url.toString());
        u.searchParams.set("page", String(p));
        return `<${host}${u.pathname}${u.search}>`;
      };
      const links = [
        ...(n < last ? [`${link(n + 1)}; rel="next"`] : []),
        `${link(1)}; rel="first"`,
        `${link(last)}; rel="last"`,
      ];
      send(200, items.slice((n - 1) * perPage, n * perPage), {
        link: links.join(", "),
        "x-page": String(n),
        "x-per-page": String(perPage),
        "x-next-page": n < last ? String(n + 1) : "",
        "x-prev-page": n > 1 ? String(n - 1) : "",
        "x-total": String(items.length),
        "x-total-pages": String(last),
      });
    };
    const keysetPage = (items: Obj[]) => {
      const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 20));
      const cursor = url.searchParams.get("cursor");
      const from = cursor ? Number(JSON.parse(Buffer.from(cursor, "base64url").toString()).offset) : 0;
      const slice = items.slice(from, from + perPage);
      const headers: Record<string, string> = {};
      if (from + perPage < items.length) {
        const u = new URL(url.toString());
        u.searchParams.set("cursor", Buffer.from(JSON.stringify({ offset: from + perPage })).toString("base64url"));
        headers.link = `<${host}${u.pathname}${u.search}>; rel="next"`;
      }
      send(200, slice, headers);
    };
    const since = url.searchParams.get("updated_after");
    const recent = (items: Obj[]) =>
      since ? items.filter((i) => Date.parse(String(i.updated_at)) >= Date.parse(since)) : items;
    const base = url.pathname.startsWith(byPath) ? byPath : byId;
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (p === base)
      return send(200, {
        id: project.id,
        path_with_namespace: project.path,
        default_branch: "main",
        web_url: `https://gitlab.example.com/${project.path}`,
      });
    if (p === `${base}/merge_requests`) return offsetPage(recent(project.mergeRequests));
    if ((m = /\/merge_requests\/(\d+)\/commits$/.exec(p)) && p.startsWith(base))
      return send(200, project.commits.get(Number(m[1])) ?? []);
    if (p === `${base}/deployments`) return offsetPage(recent(project.deployments));
    if (p === `${base}/pipelines`)
      return offsetPage(
        recent(project.pipelines).map(({ started_at: _s, finished_at: _f, ...listed }) => listed as Obj),
      );
    if ((m = /\/pipelines\/(\d+)\/jobs$/.exec(p)) && p.startsWith(base))
      return send(200, project.jobs.get(Number(m[1])) ?? []);
    if ((m = /\/pipelines\/(\d+)$/.exec(p)) && p.startsWith(base)) {
      const found = project.pipelines.find((x) => x.id === Number(m![1]));
      return found ? send(200, found) : send(404, { message: "404 Not found" });
    }
    if (p === `${base}/issues`) {
      if (url.searchParams.get("pagination") === "keyset") return keysetPage(recent(project.issues));
      return offsetPage(recent(project.issues));
    }
    send(404, { message: "404 Not found" });
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
