// An entity's records from all its facts, whatever order they came in: the newest state wins, ties
// broken by the facts' content (never by arrival), and what only accumulates (commit times,
// deployment statuses) is combined.
import {
  iso,
  type CommitsFact,
  type DeployedFact,
  type DeploymentStatusFact,
  type Fact,
  type FactData,
  type GitPrFact,
  type IncidentFact,
  type IssueFact,
  type PrFact,
  type ProducedRecord,
  type PushFact,
  type RunFact,
  type TagFact,
  type WorkItemFact,
} from "./facts";

type Of<T extends FactData["t"]> = Fact<Extract<FactData, { t: T }>>;

const only = <T extends FactData["t"]>(facts: Fact[], t: T): Of<T>[] => facts.filter((f): f is Of<T> => f.data.t === t);

/** The newest fact: by its instant, then by `rank` (a more final state), then by content. */
function newest<F extends Fact>(facts: F[], rank: (f: F) => number = () => 0): F | undefined {
  let best: F | undefined;
  for (const f of facts) {
    if (!best) best = f;
    else {
      const order =
        f.at - best.at || rank(f) - rank(best) || compare(JSON.stringify(f.data), JSON.stringify(best.data));
      if (order > 0) best = f;
    }
  }
  return best;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The records of one entity, given its facts and those of the entities it links to. */
export function foldEntity(facts: Fact[], linked: Fact[]): ProducedRecord[] {
  const kinds = new Set(facts.map((f) => f.data.t));
  if (kinds.has("pr") || kinds.has("commits"))
    return pullRequest(only(facts, "pr"), only(facts, "commits"), only(linked, "push"));
  if (kinds.has("dstatus")) return deployment(only(facts, "dstatus"));
  if (kinds.has("run")) return run(only(facts, "run"));
  if (kinds.has("issue")) return issue(only(facts, "issue"));
  if (kinds.has("tag")) return tag(only(facts, "tag"));
  if (kinds.has("gitpr")) return gitPullRequest(only(facts, "gitpr"));
  if (kinds.has("deployed")) return deployed(only(facts, "deployed"));
  if (kinds.has("incident")) return incident(only(facts, "incident"));
  if (kinds.has("workitem")) return workItem(only(facts, "workitem"));
  return [];
}

const PR_RANK: Record<string, number> = { open: 0, closed: 1 };

function pullRequest(states: Fact<PrFact>[], commits: Fact<CommitsFact>[], pushes: Fact<PushFact>[]): ProducedRecord[] {
  const latest = newest(states, (f) => (PR_RANK[f.data.state] ?? 0) + (f.data.mergedAt !== null ? 2 : 0))?.data;
  if (!latest) return [];
  // Merged is final: a later, partial state (a label added after the merge) never unmerges it. The
  // earliest merge time told wins: GitHub tells the same one every time, but a GitLab webhook tells
  // none, and a later update of a merged merge request only bounds it from above.
  let mergedAt: number | null = null;
  for (const f of states) if (f.data.mergedAt !== null) mergedAt = Math.min(mergedAt ?? Infinity, f.data.mergedAt);
  // Its sha: told with that merge time if it was, else with any (the smallest, so never by arrival).
  const shas = (exact: boolean) =>
    states
      .filter((f) => f.data.mergedAt !== null && f.data.mergeSha && (!exact || f.data.mergedAt === mergedAt))
      .map((f) => f.data.mergeSha!)
      .sort();
  const mergeSha = mergedAt === null ? null : (shas(true)[0] ?? shas(false)[0] ?? null);
  // Opened at the earliest creation told (a CDEvents change merged before its creation was told).
  let openedAt = latest.createdAt;
  for (const f of states) openedAt = Math.min(openedAt, f.data.createdAt);
  const end = mergedAt ?? latest.closedAt ?? Infinity;
  let first = Infinity;
  for (const c of commits) first = Math.min(first, c.data.first);
  for (const p of pushes) for (const t of p.data.times) if (t <= end) first = Math.min(first, t);
  const firstCommitAt = Number.isFinite(first) ? first : openedAt;
  return [
    {
      kind: "pull-requests",
      item: {
        id: latest.id,
        teamId: latest.team,
        repository: latest.repo,
        firstCommitAt: iso(firstCommitAt),
        openedAt: iso(openedAt),
        mergedAt: mergedAt === null ? null : iso(mergedAt),
        mergeCommitSha: mergedAt === null ? null : mergeSha,
        workItemId: latest.workItemId,
      },
    },
  ];
}

const TERMINAL: Record<string, "success" | "failure"> = { success: "success", failure: "failure", error: "failure" };
const STARTED = new Set(["queued", "pending", "in_progress"]);

function deployment(statuses: Fact<DeploymentStatusFact>[]): ProducedRecord[] {
  // A later `inactive` (a newer deployment replaced it) does not undo a deployment that finished.
  const done = newest(
    statuses.filter((f) => TERMINAL[f.data.state]),
    (f) => f.data.statusId,
  );
  if (!done) return [];
  const d = done.data;
  // It started with its first queued or running status, else when it was created.
  let startedAt = Infinity;
  for (const f of statuses) if (STARTED.has(f.data.state)) startedAt = Math.min(startedAt, f.at);
  if (!Number.isFinite(startedAt)) startedAt = d.deploymentCreatedAt ?? Infinity;
  return [
    {
      kind: "deployments",
      item: {
        id: d.id,
        teamId: d.team,
        environment: d.environment,
        status: TERMINAL[d.state],
        finishedAt: iso(done.at),
        repository: d.repo,
        startedAt: Number.isFinite(startedAt) && startedAt <= done.at ? iso(startedAt) : null,
      },
    },
  ];
}

const CONCLUSION: Record<string, "success" | "failure"> = {
  success: "success",
  failure: "failure",
  timed_out: "failure",
  startup_failure: "failure",
};

function run(states: Fact<RunFact>[]): ProducedRecord[] {
  // The newest completed attempt; a re-run still going does not hide the result of the last one.
  const completed = states.filter((f) => f.data.status === "completed");
  const done = newest(completed, (f) => f.data.attempt)?.data;
  const at = newest(completed, (f) => f.data.attempt)?.at;
  if (!done || at === undefined) return [];
  const status = done.conclusion ? CONCLUSION[done.conclusion] : undefined;
  if (!status) return [];
  const startedAt = done.startedAt !== null && done.startedAt <= at ? iso(done.startedAt) : null;
  if (done.as === "build")
    return [
      {
        kind: "builds",
        item: { id: done.id, repository: done.repo, commitSha: done.headSha, finishedAt: iso(at), status, startedAt },
      },
    ];
  return [
    {
      kind: "deployments",
      item: {
        id: done.id,
        teamId: done.team,
        environment: done.environment,
        status,
        finishedAt: iso(at),
        repository: done.repo,
        startedAt,
      },
    },
  ];
}

function issue(states: Fact<IssueFact>[]): ProducedRecord[] {
  if (states.some((f) => f.data.gone)) return [];
  const latest = newest(states, (f) => (f.data.state === "closed" ? 1 : 0))?.data;
  if (!latest) return [];
  // Opened at the earliest opening told; a source that told only a resolution (a CDEvents incident
  // resolved before its detection arrived) makes no record until the opening is known.
  let createdAt = Infinity;
  for (const f of states) if (f.data.createdKnown !== false) createdAt = Math.min(createdAt, f.data.createdAt);
  if (!Number.isFinite(createdAt)) return [];
  const closedAt = latest.state === "closed" ? latest.closedAt : null;
  if (latest.incident)
    return [
      {
        kind: "incidents",
        item: {
          id: latest.id,
          teamId: latest.team,
          openedAt: iso(createdAt),
          resolvedAt: closedAt === null ? null : iso(closedAt),
          ...(latest.service === undefined ? {} : { service: latest.service }),
        },
      },
    ];
  const resolvedAt = closedAt !== null && latest.stateReason !== "not_planned" ? iso(closedAt) : null;
  return [
    {
      kind: "work-items",
      item: { id: latest.id, teamId: latest.team, createdAt: iso(createdAt), key: latest.key, resolvedAt },
    },
  ];
}

function tag(states: Fact<TagFact>[]): ProducedRecord[] {
  const latest = newest(states);
  if (!latest || latest.data.gone) return [];
  const t = latest.data;
  return [
    {
      kind: "deployments",
      item: {
        id: t.id,
        teamId: t.team,
        environment: t.environment,
        status: "success",
        finishedAt: iso(t.finishedAt ?? latest.at),
        repository: t.repo,
        commitShas: t.commitShas,
      },
    },
  ];
}

function gitPullRequest(states: Fact<GitPrFact>[]): ProducedRecord[] {
  const p = newest(states)?.data;
  if (!p) return [];
  return [
    {
      kind: "pull-requests",
      item: {
        id: p.id,
        teamId: p.team,
        repository: p.repo,
        firstCommitAt: iso(p.firstCommitAt),
        openedAt: iso(p.openedAt),
        mergedAt: iso(p.mergedAt),
        mergeCommitSha: p.sha,
        workItemId: p.workItemId,
      },
    },
  ];
}

function deployed(states: Fact<DeployedFact>[]): ProducedRecord[] {
  const latest = newest(states);
  if (!latest) return [];
  const d = latest.data;
  return [
    {
      kind: "deployments",
      item: {
        id: d.id,
        teamId: d.team,
        environment: d.environment,
        status: d.status,
        finishedAt: iso(latest.at),
        service: d.service,
        repository: d.repo,
        commitShas: d.commitShas,
      },
    },
  ];
}

function incident(changes: Fact<IncidentFact>[]): ProducedRecord[] {
  // The newest change decides whether it is open; at the same instant a resolution wins.
  const latest = newest(changes, (f) => (f.data.state === "resolved" ? 1 : 0));
  if (!latest) return [];
  // Opened at its first opening: the earliest creation time any event gave, else the earliest change.
  let openedAt = Infinity;
  for (const f of changes) if (f.data.openedAt !== null) openedAt = Math.min(openedAt, f.data.openedAt);
  if (!Number.isFinite(openedAt)) for (const f of changes) openedAt = Math.min(openedAt, f.at);
  const i = latest.data;
  return [
    {
      kind: "incidents",
      item: {
        id: i.id,
        teamId: i.team,
        openedAt: iso(openedAt),
        resolvedAt: i.state === "resolved" ? iso(latest.at) : null,
      },
    },
  ];
}

function workItem(states: Fact<WorkItemFact>[]): ProducedRecord[] {
  if (states.some((f) => f.data.gone)) return [];
  const latest = newest(states)?.data;
  if (!latest) return [];
  // Started at its first move into work, whichever event told of it.
  let started = Infinity;
  for (const f of states) for (const t of f.data.started) started = Math.min(started, t);
  return [
    {
      kind: "work-items",
      item: {
        id: latest.id,
        teamId: latest.team,
        createdAt: iso(latest.createdAt),
        key: latest.key,
        startedAt: Number.isFinite(started) ? iso(started) : null,
        resolvedAt: latest.resolvedAt === null ? null : iso(latest.resolvedAt),
      },
    },
  ];
}
