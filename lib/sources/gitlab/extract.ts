// GitLab's events to facts (pure: the event and the mapping in, facts out). Webhook payloads and the
// importer's events (REST objects wrapped as the webhook events they would have been) go through the
// same code; the event type is the `X-Gitlab-Event` header's value.
import type { z } from "zod";
import type { Extracted, Fact, SourceEvent } from "../facts";
import { reasonOf } from "../github/payloads";
import { globMatch } from "../glob";
import { deploymentRuleFor, engineEnvironment, isDeployWorkflow, teamFor, workItemIdFor } from "../mapping/rules";
import type { Mapping } from "../mapping/schema";
import { branchEntity, deploymentId, entityOf, issueId, jobId, mrId, pipelineId, tagId } from "./ids";
import {
  deploymentPayload,
  issuePayload,
  mergeRequestCommitsPayload,
  mergeRequestPayload,
  pipelinePayload,
  projectPart,
  pushPayload,
} from "./payloads";

/** The `X-Gitlab-Event` values the mapper reads, and the importer's own. */
export const GITLAB_EVENTS = {
  mergeRequest: "Merge Request Hook",
  mergeRequestCommits: "Merge Request Commits",
  push: "Push Hook",
  tagPush: "Tag Push Hook",
  deployment: "Deployment Hook",
  pipeline: "Pipeline Hook",
  issue: "Issue Hook",
  confidentialIssue: "Confidential Issue Hook",
} as const;

type Context = { project: string; team: string; mapping: Mapping; event: SourceEvent };

export function extractGitlab(event: SourceEvent, mapping: Mapping): Extracted {
  const handler = HANDLERS[event.type];
  if (!handler) return { status: "ignored", reason: `event type ${event.type.slice(0, 60)} is not used` };
  const part = projectPart.safeParse(event.body);
  if (!part.success) return { status: "failed", reason: reasonOf(part.error) };
  const project = part.data.project.path_with_namespace;
  const team = teamFor(mapping, "gitlabProject", project);
  if (team === null) return { status: "unmapped", reason: `no team rule matches GitLab project ${project}` };
  return handler({ project, team, mapping, event });
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

/** GitLab's deployment statuses as the fold knows them (GitHub's words). */
const DEPLOYMENT_STATE: Record<string, string> = {
  created: "queued",
  blocked: "queued",
  running: "in_progress",
  success: "success",
  failed: "failure",
  canceled: "inactive",
  skipped: "inactive",
};
const STATE_ORDER: Record<string, number> = { queued: 0, in_progress: 1, inactive: 2, failure: 3, success: 3 };

/** A pipeline's or job's status as a run's: completed with a conclusion once it ended. */
const FINISHED: Record<string, string> = {
  success: "success",
  failed: "failure",
  canceled: "cancelled",
  skipped: "skipped",
};

const HANDLERS: Record<string, (ctx: Context) => Extracted> = {
  [GITLAB_EVENTS.mergeRequest]({ project, team, mapping, event }) {
    const parsed = parse(mergeRequestPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const mr = parsed.data.object_attributes;
    const id = mrId(project, mr.iid);
    const updatedAt = mr.updated_at ?? mr.created_at;
    const merged = mr.state === "merged";
    // A webhook names no merge time: the `merge` action's own update is the merge; a later update of a
    // merged one is an upper bound (the fold keeps the earliest merge time it is told).
    const mergedAt = merged ? (mr.merged_at ?? updatedAt) : null;
    const closedAt = mr.state === "closed" || merged ? (mr.closed_at ?? mergedAt ?? updatedAt) : null;
    const sourceProject =
      mr.source?.path_with_namespace ??
      (mr.source_project_id == null || mr.source_project_id === mr.target_project_id ? project : null);
    const branch = mr.source_branch;
    return mapped({
      entity: entityOf(id),
      link: branch && sourceProject ? branchEntity(sourceProject, branch) : null,
      at: updatedAt,
      data: {
        t: "pr",
        id,
        team,
        repo: project,
        state: merged || mr.state === "closed" ? "closed" : "open",
        createdAt: mr.created_at,
        updatedAt,
        closedAt,
        mergedAt,
        mergeSha: merged ? (mr.merge_commit_sha ?? mr.squash_commit_sha) : null,
        workItemId: workItemIdFor(
          mapping,
          { branch, title: mr.title, body: mr.description, repository: project },
          issueId,
        ),
      },
    });
  },

  [GITLAB_EVENTS.mergeRequestCommits]({ project, event }) {
    const parsed = parse(mergeRequestCommitsPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const times = parsed.data.commits.flatMap((c) => {
      const t = c.authored_date ?? c.committed_date;
      return t === null ? [] : [t];
    });
    if (times.length === 0) return ignored("the merge request lists no dated commit");
    return mapped({
      entity: entityOf(mrId(project, parsed.data.merge_request.iid)),
      link: null,
      at: 0,
      data: { t: "commits", first: Math.min(...times) },
    });
  },

  [GITLAB_EVENTS.push]({ project, event }) {
    const parsed = parse(pushPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const push = parsed.data;
    if (!push.ref.startsWith("refs/heads/")) return ignored(`ref ${push.ref.slice(0, 100)} is not a branch`);
    if (push.after !== null && /^0+$/.test(push.after)) return ignored("the push deleted a branch");
    const times = push.commits.flatMap((c) => (c.timestamp === null ? [] : [c.timestamp])).sort((a, b) => a - b);
    if (times.length === 0) return ignored("the push carries no commit");
    const branch = push.ref.slice("refs/heads/".length);
    return mapped({
      entity: branchEntity(project, branch),
      link: null,
      at: times[times.length - 1]!,
      data: { t: "push", times },
    });
  },

  [GITLAB_EVENTS.tagPush]({ project, team, mapping, event }) {
    const parsed = parse(pushPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const push = parsed.data;
    if (!push.ref.startsWith("refs/tags/")) return ignored(`ref ${push.ref.slice(0, 100)} is not a tag`);
    const tag = push.ref.slice("refs/tags/".length);
    const rule = deploymentRuleFor(mapping, project);
    if (rule.from !== "tags" || !globMatch(rule.pattern ?? "v*", tag))
      return ignored(`tag ${tag.slice(0, 100)} is not a deployment under the mapping`);
    const id = tagId(project, tag);
    return mapped({
      entity: entityOf(id),
      link: null,
      // A tag push carries no time of its own: it was deployed when GitLab told of it.
      at: event.receivedAt,
      data: {
        t: "tag",
        id,
        team,
        repo: project,
        environment: engineEnvironment(mapping, rule.environment ?? "production"),
        gone: push.after !== null && /^0+$/.test(push.after),
        commitShas: [],
      },
    });
  },

  [GITLAB_EVENTS.deployment]({ project, team, mapping, event }) {
    const rule = deploymentRuleFor(mapping, project);
    if (rule.from !== "deployments")
      return ignored(
        `deployments of ${project} come from its ${rule.from === "workflow" ? "pipeline job" : "tags"} under the mapping`,
      );
    const parsed = parse(deploymentPayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const d = parsed.data;
    const state = DEPLOYMENT_STATE[d.status] ?? d.status.slice(0, 40);
    const id = deploymentId(project, d.deployment_id);
    return mapped({
      entity: entityOf(id),
      link: null,
      at: d.status_changed_at,
      data: {
        t: "dstatus",
        id,
        team,
        repo: project,
        environment: engineEnvironment(mapping, d.environment),
        state,
        statusId: STATE_ORDER[state] ?? 0,
        deploymentCreatedAt: null,
      },
    });
  },

  [GITLAB_EVENTS.pipeline]({ project, team, mapping, event }) {
    const parsed = parse(pipelinePayload, event.body);
    if (!parsed.ok) return parsed.failed;
    const { object_attributes: p, builds } = parsed.data;
    const environment = (env: string | undefined) => engineEnvironment(mapping, env ?? "production");
    const pipelineEnd = FINISHED[p.status];
    const id = pipelineId(project, p.id);
    const facts: Fact[] = [
      {
        entity: entityOf(id),
        link: null,
        at: p.finished_at ?? p.created_at,
        data: {
          t: "run",
          id,
          team,
          repo: project,
          as: "build",
          environment: environment(undefined),
          status: pipelineEnd ? "completed" : p.status.slice(0, 40),
          conclusion: pipelineEnd ?? null,
          attempt: 1,
          startedAt: p.created_at,
          headSha: p.sha,
        },
      },
    ];
    // The mapping's deploying job (`from: workflow`, `workflow` naming the job) on its branch.
    const rule = deploymentRuleFor(mapping, project);
    if (rule.from === "workflow" && p.ref === (rule.branch ?? "main"))
      for (const job of builds) {
        if (!isDeployWorkflow(rule, { name: job.name, path: null })) continue;
        const end = FINISHED[job.status];
        const jid = jobId(project, job.id);
        facts.push({
          entity: entityOf(jid),
          link: null,
          at: job.finished_at ?? job.started_at ?? p.created_at,
          data: {
            t: "run",
            id: jid,
            team,
            repo: project,
            as: "deployment",
            environment: environment(rule.environment),
            status: end && job.finished_at !== null ? "completed" : job.status.slice(0, 40),
            conclusion: end ?? null,
            attempt: 1,
            startedAt: job.started_at,
            headSha: p.sha,
          },
        });
      }
    return mapped(...facts);
  },

  [GITLAB_EVENTS.issue]: issue,
  [GITLAB_EVENTS.confidentialIssue]: issue,
};

function issue({ project, team, mapping, event }: Context): Extracted {
  const parsed = parse(issuePayload, event.body);
  if (!parsed.ok) return parsed.failed;
  const i = parsed.data.object_attributes;
  const label = mapping.incidents.label.toLowerCase();
  const labels = [...i.labels, ...parsed.data.labels].map((l) => l.toLowerCase());
  const typed = [i.type, i.issue_type].some((t) => t?.toLowerCase() === "incident");
  const id = issueId(project, i.iid);
  const closed = i.state === "closed";
  return mapped({
    entity: entityOf(id),
    link: null,
    at: i.updated_at ?? i.created_at,
    data: {
      t: "issue",
      id,
      team,
      key: `${project}#${i.iid}`.slice(0, 500),
      incident: labels.includes(label) || (mapping.incidents.gitlabIncidentType && typed),
      state: closed ? "closed" : "open",
      stateReason: null,
      createdAt: i.created_at,
      closedAt: closed ? (i.closed_at ?? i.updated_at ?? i.created_at) : null,
      // Moved to another project: a record of that one now.
      gone: i.moved_to_id != null,
    },
  });
}
