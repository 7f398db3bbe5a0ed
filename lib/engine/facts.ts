import "server-only";
import {
  deploymentFailures,
  isProduction,
  linkIncidentDeployments,
  linkRecoveries,
  linksPullRequest,
  type Deployment,
} from "@/lib/dora";
import { type Store, writeTransaction } from "@/lib/store";
import { LIGHT_DEPLOYMENT_COLUMNS, teamIncidents, toIncident, toLightDeployment } from "./dataset";
import type { Scope } from "./ingest";
import { chunks } from "./ingest/write";
import { fetchRows } from "./raw-rows";

// Deployment facts (migration 010): what the records behind CFR, MTTR, FDRT and rework, and the
// coverage of deployments and incidents, need beyond the stored records themselves, derived with
// the rules of lib/dora (linking.ts, recoveries.ts) and kept per data version like the figure
// records: each incident's deployment, each failed production deployment with its recovery, and
// the successful production deployments that are no pull request's deployment. They depend on
// every deployment and incident of a team at once (a later incident makes an earlier deployment a
// failure, which moves a recovery), so they are derived afresh for the project when its data
// changed, the first time they are asked for: a read of the deployments without their lists, the
// incidents, and the distinct instants pull requests were deployed at.

const INSERT_CHUNK = 400;

async function versionOf(db: Store, table: "data_versions" | "fact_versions", scope: Scope, absent: number) {
  const row = await db
    .selectFrom(table)
    .select("version")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .executeTakeFirst();
  return row?.version ?? absent;
}

/** Whether the project's facts are those of its current data (or of `version`, when given). */
export async function factsCurrent(db: Store, scope: Scope, version?: number): Promise<boolean> {
  const current = version ?? (await versionOf(db, "data_versions", scope, 0));
  return (await versionOf(db, "fact_versions", scope, -1)) === current;
}

/**
 * The successful production deployments that are no PR's deployment (§4.3). A PR's deployment
 * finished at its link_t5, so a deployment finishing at an instant no PR was deployed at has none;
 * one alone at an instant some PR was deployed at is that PR's (only a deployment linking it can
 * finish then). Deployments sharing an instant are settled by the rule itself: each PR deployed then
 * goes to the smallest id among those linking it.
 */
async function withoutChanges(db: Store, scope: Scope, shipped: readonly Deployment[]): Promise<Deployment[]> {
  const deployedAt = new Set<number>();
  const q = db
    .selectFrom("pull_requests")
    .select("link_t5")
    .distinct()
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("link_t5", "is not", null);
  for (const [t] of await fetchRows(db, q, (r) => [Number(r[0])])) deployedAt.add(t!);
  const byInstant = new Map<number, Deployment[]>();
  for (const d of shipped) {
    const list = byInstant.get(d.finishedAt);
    if (list) list.push(d);
    else byInstant.set(d.finishedAt, [d]);
  }
  const out: Deployment[] = [];
  const shared: number[] = [];
  for (const [t, list] of byInstant) {
    if (!deployedAt.has(t)) out.push(...list);
    else if (list.length > 1) shared.push(t);
  }
  for (const t of shared) out.push(...(await unshippedAt(db, scope, t, byInstant.get(t)!)));
  return out;
}

/** Of the successful production deployments finished at `t`, those that are no PR's deployment. */
async function unshippedAt(db: Store, scope: Scope, t: number, at: Deployment[]): Promise<Deployment[]> {
  const lists = await db
    .selectFrom("deployments")
    .select(["id", "pull_request_ids", "commit_shas"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where(
      "id",
      "in",
      at.map((d) => d.id),
    )
    .execute();
  const full = new Map(lists.map((r) => [r.id, r]));
  const candidates = at
    .map((d) => {
      const row = full.get(d.id);
      const list = (v: string | null | undefined) => (v ? (JSON.parse(v) as string[]) : []);
      return { ...d, pullRequestIds: list(row?.pull_request_ids), commitShas: list(row?.commit_shas) };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const prs = await db
    .selectFrom("pull_requests")
    .select(["id", "repository", "merged_at as mergedAt", "merge_commit_sha as mergeCommitSha"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("link_t5", "=", t)
    .execute();
  const shipping = new Set<string>();
  for (const pr of prs) {
    const first = candidates.find((d) => linksPullRequest(d, pr));
    if (first) shipping.add(first.id);
  }
  return candidates.filter((d) => !shipping.has(d.id));
}

interface Derived {
  links: { incident_id: string; deployment_id: string }[];
  failures: {
    deployment_id: string;
    team_id: string;
    finished_at: number;
    recovery_id: string | null;
    recovered_at: number | null;
  }[];
  unshipped: Deployment[];
}

async function derive(db: Store, scope: Scope): Promise<Derived> {
  const deployments = await fetchRows(
    db,
    db
      .selectFrom("deployments")
      .select(LIGHT_DEPLOYMENT_COLUMNS)
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project),
    toLightDeployment,
  );
  const incidents = await fetchRows(db, teamIncidents(db, scope, null), toIncident);
  const linked = linkIncidentDeployments(incidents, deployments);
  const failed = deploymentFailures(deployments, incidents, linked);
  const recovery = linkRecoveries(deployments, failed);
  // Every successful production deployment, a failure by an incident or not, may ship changes.
  const shipped = deployments.filter((d) => d.status === "success" && isProduction(d.environment));
  return {
    links: incidents.flatMap((inc, i) =>
      linked[i]! >= 0 ? [{ incident_id: inc.id, deployment_id: deployments[linked[i]!]!.id }] : [],
    ),
    failures: deployments.flatMap((d, i) => {
      if (failed[i] !== 1) return [];
      const r = recovery[i]! >= 0 ? deployments[recovery[i]!]! : null;
      return [
        {
          deployment_id: d.id,
          team_id: d.teamId,
          finished_at: d.finishedAt,
          recovery_id: r?.id ?? null,
          recovered_at: r?.finishedAt ?? null,
        },
      ];
    }),
    unshipped: await withoutChanges(db, scope, shipped),
  };
}

async function store(db: Store, scope: Scope, version: number, facts: Derived): Promise<void> {
  const ids = { org_id: scope.org, project_id: scope.project };
  await writeTransaction(db, async (trx) => {
    for (const table of ["incident_links", "deployment_failures", "deployments_without_changes"] as const)
      await trx.deleteFrom(table).where("org_id", "=", scope.org).where("project_id", "=", scope.project).execute();
    for (const chunk of chunks(facts.links, INSERT_CHUNK))
      await trx
        .insertInto("incident_links")
        .values(chunk.map((l) => ({ ...ids, ...l })))
        .execute();
    for (const chunk of chunks(facts.failures, INSERT_CHUNK))
      await trx
        .insertInto("deployment_failures")
        .values(chunk.map((f) => ({ ...ids, ...f })))
        .execute();
    for (const chunk of chunks(facts.unshipped, INSERT_CHUNK))
      await trx
        .insertInto("deployments_without_changes")
        .values(chunk.map((d) => ({ ...ids, team_id: d.teamId, finished_at: d.finishedAt, deployment_id: d.id })))
        .execute();
    await trx
      .insertInto("fact_versions")
      .values({ ...ids, version })
      .onConflict((oc) => oc.columns(["org_id", "project_id"]).doUpdateSet({ version }))
      .execute();
  });
}

const ATTEMPTS = 3;

/**
 * Derives the project's facts from its records unless they are current, and returns the data
 * version they are of. The records are read outside any transaction (through the raw reader), so
 * the version is read before and after: equal, no change landed in between and the facts are that
 * version's. Run by the store's writer thread, between batches, they always are; elsewhere a change
 * landing meanwhile makes them derive again, and after a few tries they are kept under the version
 * read first, stale (the next request derives them again) rather than wrong for long.
 */
export async function refreshFacts(db: Store, scope: Scope): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const version = await versionOf(db, "data_versions", scope, 0);
    if ((await versionOf(db, "fact_versions", scope, -1)) === version) return version;
    const facts = await derive(db, scope);
    if (attempt < ATTEMPTS && (await versionOf(db, "data_versions", scope, 0)) !== version) continue;
    await store(db, scope, version, facts);
    return version;
  }
}
