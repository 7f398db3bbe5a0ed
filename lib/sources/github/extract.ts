// GitHub's events to facts (pure: the event and the mapping in, facts out). Webhook payloads and
// the importer's events (REST objects wrapped alike) go through the same code.
import type { z } from "zod";
import type { Extracted, Fact, SourceEvent } from "../facts";
import { globMatch } from "../glob";
import { deploymentRuleFor, engineEnvironment, isDeployWorkflow, teamFor, workItemIdFor } from "../mapping/rules";
import type { Mapping } from "../mapping/schema";
import { branchEntity, deploymentId, entityOf, issueId, prId, runId, tagId } from "./ids";
import {
  deploymentStatusPayload,
  issuePayload,
  pullRequestCommitsPayload,
  pullRequestPayload,
  pushPayload,
  reasonOf,
  repositoryPart,
  workflowRunPayload,
} from "./payloads";

/** The webhook events GitHub sends that the mapper reads (and the importer's own). */
export const GITHUB_EVENTS = ["pull_request", "push", "deployment_status", "workflow_run", "issues"] as const;

type Context = { repo: string; team: string; mapping: Mapping; event: SourceEvent };

export function extractGithub(event: SourceEvent, mapping: Mapping): Extracted {
  const handler = HANDLERS[event.type];
  if (!handler)
    return {
      status: "ignored",
      reason:
        event.type === "ping"
          ? "ping: GitHub says the webhook is connected"
          : `event type ${event.type.slice(0, 60)} is not used`,
    };
  const repoPart = repositoryPart.safeParse(event.body);
  if (!repoPart.success) return { status: "failed", reason: reasonOf(repoPart.error) };
  const repo = repoPart.data.repository.full_name;
  const team = teamFor(mapping, "repository", repo);
  if (team === null) return { status: "unmapped", reason: `no team rule matches repository ${repo}` };
  return handler({ repo, team, mapping, event });
}

function parse<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.output<S> } | { ok: false; failed: Extracted } {
  const result = schema.safeParse(body);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, failed: { status: "failed", reason: reasonOf(result.error) } };
}

const mapped = (...facts: Fact[]): Extracted => ({ status: "mapped", facts });
const ignored = (reason: string): Extracted => ({ status: "ignored", reason });

const HANDLERS: Record<string, (ctx: Context) => Extracted> = {
  pull_request({ repo, team, mapping, event }) {
    const parsed = parse(pullRequestPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const pr = parsed.data.pull_request;
    const id = prId(repo, pr.number);
    const headRepo = pr.head?.repo?.full_name ?? repo;
    const branch = pr.head?.ref ?? null;
    return mapped({
      entity: entityOf(id),
      link: branch ? branchEntity(headRepo, branch) : null,
      at: pr.updated_at ?? pr.created_at,
      data: {
        t: "pr",
        id,
        team,
        repo,
        state: pr.state,
        createdAt: pr.created_at,
        updatedAt: pr.updated_at ?? pr.created_at,
        closedAt: pr.closed_at,
        mergedAt: pr.merged_at,
        mergeSha: pr.merge_commit_sha,
        workItemId: workItemIdFor(mapping, { branch, title: pr.title, body: pr.body, repository: repo }, issueId),
      },
    });
  },

  pull_request_commits({ repo, event }) {
    const parsed = parse(pullRequestCommitsPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const times = parsed.data.commits.flatMap((c) => {
      const t = c.commit?.author?.date ?? c.commit?.committer?.date;
      return t === null || t === undefined ? [] : [t];
    });
    if (times.length === 0) return ignored("the pull request lists no dated commit");
    const first = Math.min(...times);
    return mapped({
      entity: entityOf(prId(repo, parsed.data.pull_request.number)),
      link: null,
      at: 0,
      data: { t: "commits", first },
    });
  },

  push({ repo, team, mapping, event }) {
    const parsed = parse(pushPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const push = parsed.data;
    const pushedAt = pushedAtOf(push.repository.pushed_at) ?? push.head_commit?.timestamp ?? event.receivedAt;
    if (push.ref.startsWith("refs/tags/")) {
      const tag = push.ref.slice("refs/tags/".length);
      const rule = deploymentRuleFor(mapping, repo);
      if (rule.from !== "tags" || !globMatch(rule.pattern ?? "v*", tag))
        return ignored(`tag ${tag.slice(0, 100)} is not a deployment under the mapping`);
      const id = tagId(repo, tag);
      return mapped({
        entity: entityOf(id),
        link: null,
        at: pushedAt,
        data: {
          t: "tag",
          id,
          team,
          repo,
          environment: engineEnvironment(mapping, rule.environment ?? "production"),
          gone: push.deleted === true,
          commitShas: [],
        },
      });
    }
    if (!push.ref.startsWith("refs/heads/"))
      return ignored(`ref ${push.ref.slice(0, 100)} is neither a branch nor a tag`);
    if (push.deleted) return ignored("the push deleted a branch");
    const times = push.commits.flatMap((c) => (c.timestamp === null ? [] : [c.timestamp])).sort((a, b) => a - b);
    if (times.length === 0) return ignored("the push carries no commit");
    const branch = push.ref.slice("refs/heads/".length);
    return mapped({ entity: branchEntity(repo, branch), link: null, at: pushedAt, data: { t: "push", times } });
  },

  deployment_status({ repo, team, mapping, event }) {
    const rule = deploymentRuleFor(mapping, repo);
    if (rule.from !== "deployments")
      return ignored(
        `deployments of ${repo} come from its ${rule.from === "workflow" ? "workflow runs" : "tags"} under the mapping`,
      );
    const parsed = parse(deploymentStatusPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const { deployment_status: status, deployment } = parsed.data;
    const id = deploymentId(repo, deployment.id);
    const environment = deployment.environment ?? status.environment;
    if (!environment) return { status: "failed", reason: "deployment.environment: is required" };
    return mapped({
      entity: entityOf(id),
      link: null,
      at: status.created_at,
      data: {
        t: "dstatus",
        id,
        team,
        repo,
        environment: engineEnvironment(mapping, environment.slice(0, 200)),
        state: status.state,
        statusId: status.id,
        deploymentCreatedAt: deployment.created_at,
      },
    });
  },

  workflow_run({ repo, team, mapping, event }) {
    const parsed = parse(workflowRunPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const { workflow_run: run, workflow } = parsed.data;
    const rule = deploymentRuleFor(mapping, repo);
    const names = { name: run.name || workflow?.name || null, path: run.path ?? workflow?.path ?? null };
    const deploys = isDeployWorkflow(rule, names) && run.head_branch === (rule.branch ?? "main");
    const id = runId(repo, run.id);
    return mapped({
      entity: entityOf(id),
      link: null,
      at: run.updated_at,
      data: {
        t: "run",
        id,
        team,
        repo,
        as: deploys ? "deployment" : "build",
        environment: engineEnvironment(mapping, rule.environment ?? "production"),
        status: run.status ?? "unknown",
        conclusion: run.conclusion,
        attempt: run.run_attempt ?? 1,
        startedAt: run.run_started_at ?? run.created_at,
        headSha: run.head_sha,
      },
    });
  },

  issues({ repo, team, mapping, event }) {
    const parsed = parse(issuePayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const { issue, action } = parsed.data;
    if (issue.pull_request !== undefined) return ignored("the issue is a pull request");
    const label = mapping.incidents.label.toLowerCase();
    const labels = issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")).toLowerCase());
    const id = issueId(repo, issue.number);
    return mapped({
      entity: entityOf(id),
      link: null,
      at: issue.updated_at ?? issue.created_at,
      data: {
        t: "issue",
        id,
        team,
        key: `${repo}#${issue.number}`.slice(0, 500),
        incident: labels.includes(label),
        state: issue.state ?? "open",
        stateReason: issue.state_reason,
        createdAt: issue.created_at,
        closedAt: issue.closed_at,
        // Deleted, or moved to another repository: no longer a record of this one.
        gone: action === "deleted" || action === "transferred",
      },
    });
  },
};

function pushedAtOf(value: number | string | null | undefined): number | null {
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}
