// The git importer's events to facts: its pull requests (merge and squash commits) and its tags.
import { z } from "zod";
import type { Extracted, SourceEvent } from "../facts";
import { reasonOf } from "../github/payloads";
import { engineEnvironment, teamFor, workItemIdFor } from "../mapping/rules";
import type { Mapping } from "../mapping/schema";

export const gitPrId = (repo: string, sha: string) => `git:${repo}@${sha}`;
export const gitTagId = (repo: string, tag: string) => `git:${repo}/tags/${tag}`;

const sha = z.string().regex(/^[0-9a-f]{7,64}$/);

export const gitPrEvent = z.object({
  repository: z.string().min(1).max(300),
  sha,
  branch: z.string().max(500).nullable(),
  title: z.string().max(2000),
  firstCommitAt: z.number(),
  openedAt: z.number(),
  mergedAt: z.number(),
});

export const gitTagEvent = z.object({
  repository: z.string().min(1).max(300),
  tag: z.string().min(1).max(150),
  commit: sha,
  at: z.number(),
  commitShas: z.array(sha).max(1000),
});

export function extractGit(event: SourceEvent, mapping: Mapping): Extracted {
  const repository = (event.body as { repository?: unknown } | null)?.repository;
  if (typeof repository !== "string") return { status: "failed", reason: "repository: is required" };
  const team = teamFor(mapping, "repository", repository);
  if (team === null) return { status: "unmapped", reason: `no team rule matches repository ${repository}` };
  if (event.type === "git_pr") {
    const parsed = gitPrEvent.safeParse(event.body);
    if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
    const p = parsed.data;
    const id = gitPrId(p.repository, p.sha);
    // A plain repository has no issues: its work items come from keys in the branch and subject.
    const keysOnly = {
      ...mapping,
      workItems: { ...mapping.workItems, from: mapping.workItems.from.filter((f) => f !== "closes") },
    };
    const workItemId = workItemIdFor(keysOnly, { branch: p.branch, title: p.title, body: null, repository }, () => "");
    return {
      status: "mapped",
      facts: [
        {
          entity: `entity:${id}`,
          link: null,
          at: event.receivedAt,
          data: {
            t: "gitpr",
            id,
            team,
            repo: p.repository,
            sha: p.sha,
            firstCommitAt: p.firstCommitAt,
            openedAt: p.openedAt,
            mergedAt: p.mergedAt,
            workItemId,
          },
        },
      ],
    };
  }
  if (event.type === "git_tag") {
    const parsed = gitTagEvent.safeParse(event.body);
    if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
    const t = parsed.data;
    const id = gitTagId(t.repository, t.tag);
    return {
      status: "mapped",
      facts: [
        {
          entity: `entity:${id}`,
          link: null,
          at: event.receivedAt,
          data: {
            t: "tag",
            id,
            team,
            repo: t.repository,
            environment: engineEnvironment(mapping, "production"),
            gone: false,
            commitShas: t.commitShas,
            finishedAt: t.at,
          },
        },
      ],
    };
  }
  return { status: "ignored", reason: `event type ${event.type.slice(0, 60)} is not used` };
}
