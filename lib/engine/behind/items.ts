import "server-only";
import { sql } from "kysely";
import { DAY_MS, stagesOf, type RecordMetric } from "@/lib/dora";
import type { CfrRecord, DfRecord, FdrtRecord, LttcRecord, MttrRecord, RecordItem, ReworkRecord } from "@/lib/contract";
import { indexedBy, storedRows, type Store } from "@/lib/store";
import type { Scope } from "../ingest";

// A page's items (spec §9's table), read by id once the page's positions are known: each is a
// handful of key look-ups, whatever the depth of the page.

const iso = (ms: number) => new Date(ms).toISOString();
const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

type Rows<T> = Promise<T[]>;

/** Rows of `ids` in the order of `ids`. */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

/** id → sorted list of the values paired with it. */
function grouped(rows: readonly { key: string; value: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.key);
    if (list) list.push(r.value);
    else out.set(r.key, [r.value]);
  }
  for (const list of out.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

interface PrRow {
  id: string;
  team_id: string;
  repository: string;
  work_item_id: string | null;
  first_commit_at: number;
  opened_at: number;
  merged_at: number;
  link_t0: number | null;
  link_t4: number | null;
  link_t5: number;
  build_id: string | null;
  deployment_id: string | null;
}

// Its build: the smallest id among the earliest successful builds at its merge commit (link_t4);
// named, the index of its repository and commit (min(id) alone would walk the builds by id).
// Its deployment: the smallest id among the deployments linking it that finished at link_t5.
async function lttcItems(db: Store, s: Scope, ids: readonly string[]): Rows<LttcRecord> {
  const only = { org: s.org, project: s.project, ids };
  const link = (kind: "pr" | "sha" | "repo", value: string, extra = sql``) =>
    sql`SELECT l.deployment_id AS d FROM deployment_links l WHERE l.org_id = p.org_id AND l.project_id = p.project_id
      AND l.kind = ${kind} AND l.value = ${sql.ref(value)} AND l.finished_at = p.link_t5${extra}`;
  const { rows } = await sql<PrRow>`SELECT p.id, p.team_id, p.repository, p.work_item_id, p.first_commit_at,
      p.opened_at, p.merged_at, p.link_t0, p.link_t4, p.link_t5,
      (SELECT b.id FROM ${indexedBy(db, "builds", "builds_repository", "b")} WHERE b.org_id = p.org_id
        AND b.project_id = p.project_id AND b.repository = p.repository AND b.commit_sha = p.merge_commit_sha
        AND b.status = 'success' AND b.finished_at = p.link_t4 ORDER BY b.id LIMIT 1) AS build_id,
      (SELECT min(d) FROM (${link("pr", "p.id")} UNION ALL ${link("sha", "p.merge_commit_sha")}
        UNION ALL ${link("repo", "p.repository", sql` AND p.link_t5 >= p.merged_at`)}) AS linked) AS deployment_id
    FROM ${storedRows(db, "pull_requests", "p", only)}`.execute(db);
  return inOrder(ids, rows).map((r) => {
    const { stages, lttcDays } = stagesOf({
      t0: num(r.link_t0),
      t1: Number(r.first_commit_at),
      t2: Number(r.opened_at),
      t3: Number(r.merged_at),
      t4: num(r.link_t4),
      t5: Number(r.link_t5),
    });
    return {
      pullRequestId: r.id,
      teamId: r.team_id,
      repository: r.repository,
      // The work item it is linked to: one that is stored.
      workItemId: r.link_t0 === null ? null : r.work_item_id,
      buildId: r.build_id,
      deploymentId: r.deployment_id ?? "",
      anchor: iso(Number(r.link_t5)),
      stages,
      lttcDays,
    };
  });
}

interface DeploymentRow {
  id: string;
  team_id: string;
  status: "success" | "failure";
  finished_at: number;
  service: string | null;
  repository: string | null;
}

async function deploymentRows(db: Store, s: Scope, ids: readonly string[]): Rows<DeploymentRow> {
  const rows = await db
    .selectFrom("deployments")
    .select(["id", "team_id", "status", "finished_at", "service", "repository"])
    .where("org_id", "=", s.org)
    .where("project_id", "=", s.project)
    .where("id", "in", [...ids])
    .execute();
  return inOrder(ids, rows as DeploymentRow[]);
}

async function dfItems(db: Store, s: Scope, ids: readonly string[]): Rows<DfRecord> {
  return (await deploymentRows(db, s, ids)).map((d) => ({
    deploymentId: d.id,
    teamId: d.team_id,
    service: d.service,
    repository: d.repository,
    finishedAt: iso(Number(d.finished_at)),
  }));
}

async function incidentsOf(db: Store, s: Scope, deploymentIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("incident_links")
    .select(["deployment_id as key", "incident_id as value"])
    .where("org_id", "=", s.org)
    .where("project_id", "=", s.project)
    .where("deployment_id", "in", [...deploymentIds])
    .execute();
  return grouped(rows);
}

async function cfrItems(db: Store, s: Scope, ids: readonly string[]): Rows<CfrRecord> {
  const incidents = await incidentsOf(db, s, ids);
  return (await deploymentRows(db, s, ids)).map((d) => {
    const incidentIds = incidents.get(d.id) ?? [];
    return {
      deploymentId: d.id,
      teamId: d.team_id,
      status: d.status,
      finishedAt: iso(Number(d.finished_at)),
      failure: d.status === "failure" || incidentIds.length > 0,
      incidentIds,
    };
  });
}

async function mttrItems(db: Store, s: Scope, ids: readonly string[]): Rows<MttrRecord> {
  const rows = await db
    .selectFrom("incidents as i")
    .leftJoin("incident_links as l", (j) =>
      j
        .onRef("l.org_id", "=", "i.org_id")
        .onRef("l.project_id", "=", "i.project_id")
        .onRef("l.incident_id", "=", "i.id"),
    )
    .select(["i.id", "i.team_id", "i.opened_at", "i.resolved_at", "l.deployment_id"])
    .where("i.org_id", "=", s.org)
    .where("i.project_id", "=", s.project)
    .where("i.id", "in", [...ids])
    .execute();
  return inOrder(ids, rows).map((r) => {
    const openedAt = Number(r.opened_at);
    const resolvedAt = Number(r.resolved_at);
    return {
      incidentId: r.id,
      teamId: r.team_id,
      deploymentId: r.deployment_id ?? null,
      openedAt: iso(openedAt),
      resolvedAt: iso(resolvedAt),
      restoreDays: Math.max(0, resolvedAt - openedAt) / DAY_MS,
    };
  });
}

async function fdrtItems(db: Store, s: Scope, ids: readonly string[]): Rows<FdrtRecord> {
  const rows = await db
    .selectFrom("deployment_failures")
    .select(["deployment_id as id", "team_id", "finished_at", "recovery_id", "recovered_at"])
    .where("org_id", "=", s.org)
    .where("project_id", "=", s.project)
    .where("deployment_id", "in", [...ids])
    .execute();
  return inOrder(ids, rows).map((r) => ({
    deploymentId: r.id,
    teamId: r.team_id,
    finishedAt: iso(Number(r.finished_at)),
    recoveryDeploymentId: r.recovery_id ?? "",
    recoveredAt: iso(Number(r.recovered_at)),
    recoveryDays: (Number(r.recovered_at) - Number(r.finished_at)) / DAY_MS,
  }));
}

async function reworkItems(db: Store, s: Scope, ids: readonly string[]): Rows<ReworkRecord> {
  const recovered = grouped(
    await db
      .selectFrom("deployment_failures")
      .select(["recovery_id as key", "deployment_id as value"])
      .where("org_id", "=", s.org)
      .where("project_id", "=", s.project)
      .where("recovery_id", "in", [...ids])
      .execute()
      .then((rows) => rows.map((r) => ({ key: r.key ?? "", value: r.value }))),
  );
  return (await deploymentRows(db, s, ids)).map((d) => {
    const recoveryOf = recovered.get(d.id) ?? [];
    return {
      deploymentId: d.id,
      teamId: d.team_id,
      finishedAt: iso(Number(d.finished_at)),
      rework: recoveryOf.length > 0,
      recoveryOf,
    };
  });
}

const READERS: { [M in RecordMetric]: (db: Store, s: Scope, ids: readonly string[]) => Rows<RecordItem<M>> } = {
  lttc: lttcItems,
  df: dfItems,
  cfr: cfrItems,
  mttr: mttrItems,
  fdrt: fdrtItems,
  rework: reworkItems,
};

/** The items of the ids (in their order) as the metric lists them. */
export function itemsOf<M extends RecordMetric>(
  db: Store,
  metric: M,
  s: Scope,
  ids: readonly string[],
): Rows<RecordItem<M>> {
  if (ids.length === 0) return Promise.resolve([]);
  return READERS[metric](db, s, ids);
}
