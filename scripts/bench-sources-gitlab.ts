// bench:sources' GitLab deliveries: GitLab's own documented payloads (tests/fixtures/sources/gitlab/)
// with their projects, ids and times changed, as a busy group of 40 projects would send them.
import deploymentHook from "../tests/fixtures/sources/gitlab/deployment.json";
import issueHook from "../tests/fixtures/sources/gitlab/issue.json";
import mergeRequestHook from "../tests/fixtures/sources/gitlab/merge-request.json";
import pipelineHook from "../tests/fixtures/sources/gitlab/pipeline.json";
import pushHook from "../tests/fixtures/sources/gitlab/push.json";

export const GITLAB_TOKEN = "bench-gitlab-token-0123456789abcdef";

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const clone = (p: object): Payload => structuredClone(p) as Payload;
const iso = (ms: number) => new Date(ms).toISOString();

/** Delivery i: a merge request opened or merged, a push to its branch, a pipeline, a deployment, an issue. */
export function gitlabDelivery(i: number): { headers: Record<string, string>; raw: string } {
  const project = `bench-group/team-${i % 8}/app-${i % 40}`;
  const n = Math.floor(i / 40) + 1;
  const at = Date.parse("2026-01-05T00:00:00Z") + i * 60_000;
  let event: string;
  let body: Payload;
  switch (i % 6) {
    case 0:
    case 1: {
      body = clone(mergeRequestHook);
      const merged = i % 6 === 1;
      Object.assign(body.object_attributes, {
        iid: n,
        created_at: iso(at - 3_600_000),
        updated_at: iso(at),
        state: merged ? "merged" : "opened",
        action: merged ? "merge" : "open",
        source_branch: `feature/BENCH-${n}`,
        merge_commit_sha: merged ? (n * 2654435761).toString(16).padStart(40, "0").slice(0, 40) : null,
      });
      body.object_attributes.source.path_with_namespace = project;
      event = "Merge Request Hook";
      break;
    }
    case 2:
      body = clone(pushHook);
      body.ref = `refs/heads/feature/BENCH-${n}`;
      body.commits = body.commits.map((c: Payload) => ({ ...c, timestamp: iso(at - 86_400_000) }));
      event = "Push Hook";
      break;
    case 3:
      body = clone(pipelineHook);
      Object.assign(body.object_attributes, {
        id: 10_000_000 + i,
        created_at: iso(at - 600_000),
        finished_at: iso(at),
      });
      event = "Pipeline Hook";
      break;
    case 4:
      body = clone(deploymentHook);
      Object.assign(body, { deployment_id: 20_000_000 + i, status_changed_at: iso(at), environment: "production" });
      event = "Deployment Hook";
      break;
    default:
      body = clone(issueHook);
      Object.assign(body.object_attributes, {
        iid: 100_000 + n,
        created_at: iso(at),
        updated_at: iso(at),
        type: i % 12 === 5 ? "Incident" : "Issue",
      });
      event = "Issue Hook";
  }
  body.project.path_with_namespace = project;
  return {
    headers: {
      "content-type": "application/json",
      "x-gitlab-event": event,
      "x-gitlab-event-uuid": `bench-gitlab-${i}`,
      "x-gitlab-token": GITLAB_TOKEN,
    },
    raw: JSON.stringify(body),
  };
}
