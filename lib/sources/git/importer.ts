import "server-only";
import crypto from "node:crypto";
import path from "node:path";
import { appendEvents, type NewEvent } from "../events";
import { globMatch } from "../glob";
import { finishImport, importProgress, startImport } from "../imports";
import type { Scope } from "../scope";
import type { Sources } from "../service";
import { commitsBetween, earliestBroughtIn, firstParentLine, tags, type Commit } from "./read";

// `npm run import -- git <path> --repository NAME [--branch main] [--deploy-tags 'v*']`
// (shared/spec/sources.md, Replay and backfill): merge commits on the branch's first-parent line and
// squash commits whose subject ends in `(#123)` are pull requests; each matching tag is a successful
// production deployment of the merge and squash commits since the previous matching tag. What it
// finds goes into the event log as events of source `git`, and through the mapping like any other.

export interface GitImportOptions {
  path: string;
  repository: string;
  branch?: string;
  /** A glob of the tags that are deployments (`v*`); none when absent. */
  deployTags?: string;
  onProgress?: (message: string) => void;
}

export interface GitImportResult {
  pullRequests: number;
  deployments: number;
  newEvents: number;
}

const SQUASH = /\(#(\d+)\)\s*$/;
const GITHUB_MERGE = /^Merge pull request #(\d+) from [^/\s]+\/(\S+)/;
const BRANCH_MERGE = /^Merge (?:remote-tracking )?branch '([^']+)'/;

export async function importGit(sources: Sources, scope: Scope, opts: GitImportOptions): Promise<GitImportResult> {
  const branch = opts.branch ?? "main";
  const repo = path.resolve(opts.path);
  const say = opts.onProgress ?? (() => undefined);
  const run = await startImport(sources.db, scope, "git", `${opts.repository} (${branch})`);
  let events = 0;
  try {
    say(`Reading ${branch} of ${repo}…`);
    const line = await firstParentLine(repo, branch);
    const receivedAt = Date.now();
    const prs: { commit: Commit; number: number | null; branch: string | null; title: string }[] = [];
    for (const commit of line) {
      if (commit.parents.length >= 2) {
        const gh = GITHUB_MERGE.exec(commit.subject);
        const plain = BRANCH_MERGE.exec(commit.subject);
        const title = gh ? commit.body.split("\n")[0] || commit.subject : commit.subject;
        prs.push({ commit, number: gh ? Number(gh[1]) : null, branch: gh?.[2] ?? plain?.[1] ?? null, title });
      } else {
        const squash = SQUASH.exec(commit.subject);
        if (squash) prs.push({ commit, number: Number(squash[1]), branch: null, title: commit.subject });
      }
    }
    say(`${line.length} commits on the first-parent line, ${prs.length} pull requests.`);
    const pending: NewEvent[] = [];
    const flush = async (phase: string, done: number) => {
      events += await appendEvents(sources.db, pending.splice(0));
      await importProgress(sources.db, run.id, { phase, done, events });
    };
    for (const [i, pr] of prs.entries()) {
      const firstCommitAt =
        pr.commit.parents.length >= 2
          ? ((await earliestBroughtIn(repo, pr.commit)) ?? pr.commit.authoredAt)
          : pr.commit.authoredAt;
      const known = pr.number === null ? null : await knownOpenedAt(sources, scope, opts.repository, pr.number);
      const body = {
        repository: opts.repository,
        sha: pr.commit.sha,
        branch: pr.branch,
        title: pr.title.slice(0, 2000),
        firstCommitAt: Math.min(firstCommitAt, pr.commit.committedAt),
        openedAt: known ?? Math.min(firstCommitAt, pr.commit.committedAt),
        mergedAt: pr.commit.committedAt,
      };
      pending.push(gitEvent(scope, "git_pr", `pr:${opts.repository}@${pr.commit.sha}`, body, receivedAt));
      if (pending.length >= 500) {
        await flush("pull requests", i + 1);
        say(`pull requests: ${i + 1}/${prs.length}`);
      }
    }
    await flush("pull requests", prs.length);
    let deployments = 0;
    if (opts.deployTags) {
      const prShas = new Set(prs.map((p) => p.commit.sha));
      const matching = (await tags(repo))
        .filter((t) => globMatch(opts.deployTags!, t.name))
        .sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
      let previous: string | null = null;
      for (const tag of matching) {
        const between = await commitsBetween(repo, previous, tag.commit);
        const commitShas = prs.map((p) => p.commit.sha).filter((sha) => between.has(sha) && prShas.has(sha));
        const body = {
          repository: opts.repository,
          tag: tag.name,
          commit: tag.commit,
          at: tag.at,
          commitShas: commitShas.slice(-1000),
        };
        pending.push(gitEvent(scope, "git_tag", `tag:${opts.repository}/${tag.name}`, body, receivedAt));
        previous = tag.commit;
        deployments++;
      }
      await flush("tags", deployments);
      say(`${deployments} tags matching ${opts.deployTags}.`);
    }
    say(`${events} new events in the log; mapping them…`);
    await importProgress(sources.db, run.id, { phase: "mapping", done: prs.length + deployments, events });
    const before = Date.now();
    await sources.mapper.idle();
    await finishImport(sources.db, run.id, "done", null);
    say(`Mapped in ${((Date.now() - before) / 1000).toFixed(1)} s.`);
    return { pullRequests: prs.length, deployments, newEvents: events };
  } catch (err) {
    await finishImport(sources.db, run.id, "failed", err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** An event of the git importer; its delivery id changes with its content, so a re-import of the same history adds nothing. */
function gitEvent(scope: Scope, type: string, key: string, body: object, receivedAt: number): NewEvent {
  const text = JSON.stringify(body);
  const digest = crypto.createHash("sha256").update(text).digest("hex").slice(0, 16);
  return {
    scope,
    source: "git",
    deliveryId: `${key}#${digest}`.slice(0, 500),
    type,
    receivedAt,
    body: text,
    signature: "imported",
  };
}

/** The opening time of the GitHub pull request of that number, when the engine has it. */
async function knownOpenedAt(
  sources: Sources,
  scope: Scope,
  repository: string,
  number: number,
): Promise<number | null> {
  const row = await sources.db
    .selectFrom("pull_requests")
    .select("opened_at")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("id", "=", `github:${repository}#${number}`)
    .executeTakeFirst();
  return row ? Number(row.opened_at) : null;
}
