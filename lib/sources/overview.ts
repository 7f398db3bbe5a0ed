import "server-only";
import { sql } from "kysely";
import type { Store } from "@/lib/store";
import { recentImports, type ImportSummary } from "./imports";
import { loadMapping } from "./mapping/store";
import type { Scope } from "./scope";
import { secretStates } from "./secrets";
import { WEBHOOK_SOURCES } from "./arrival";

// What the Sources page shows of a project: per source its webhook, secret, last delivery and
// deliveries per day; the deliveries that were not mapped, with their reasons; the imports; the mapping.

const DAY_MS = 86_400_000;
/** Days of deliveries shown per source. */
export const OVERVIEW_DAYS = 14;

export interface DayCount {
  day: string;
  deliveries: number;
  mapped: number;
  unmapped: number;
  failed: number;
  ignored: number;
  pending: number;
  records: number;
}

export interface SourceOverview {
  source: string;
  label: string;
  /** The URL to paste into the source's webhook settings; null for an importer-only source. */
  webhookUrl: string | null;
  secretSetAt: number | null;
  total: number;
  last: { receivedAt: number; type: string; status: string; reason: string | null } | null;
  days: DayCount[];
}

export interface Problem {
  id: number;
  source: string;
  deliveryId: string;
  type: string;
  receivedAt: number;
  status: string;
  reason: string | null;
}

export interface Overview {
  scope: Scope;
  sources: SourceOverview[];
  problems: Problem[];
  imports: ImportSummary[];
  mapping: { version: number; text: string; format: string; savedAt: number | null; savedBy: string | null };
}

const LABELS: Record<string, string> = {
  github: "GitHub",
  git: "git",
  gitlab: "GitLab",
  cdevents: "CDEvents",
  pagerduty: "PagerDuty",
  jira: "Jira",
};

/**
 * Read in one snapshot (a transaction; on PostgreSQL repeatable read): the mapping commits while
 * the page reads, and query by query a delivery could show as unmapped in one part and waiting in
 * another.
 */
export function sourcesOverview(db: Store, scope: Scope, origin: string, now = Date.now()): Promise<Overview> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((trx) => overviewIn(trx, scope, origin, now));
}

async function overviewIn(db: Store, scope: Scope, origin: string, now: number): Promise<Overview> {
  const secrets = await secretStates(db, scope);
  const since = startOfDay(now) - (OVERVIEW_DAYS - 1) * DAY_MS;
  const perDay = await db
    .selectFrom("source_events")
    .select([
      "source",
      // A literal: a bound number may reach SQLite as a REAL, and the division would not be an integer one.
      sql<number>`(received_at / ${sql.lit(DAY_MS)}) * ${sql.lit(DAY_MS)}`.as("day"),
      "status",
      sql<number>`count(*)`.as("n"),
      sql<number>`sum(records)`.as("records"),
    ])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("received_at", ">=", since)
    .groupBy(["source", "day", "status"])
    .execute();
  const totals = await db
    .selectFrom("source_events")
    .select(["source", sql<number>`count(*)`.as("n"), sql<number>`max(id)`.as("last")])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .groupBy("source")
    .execute();
  const names = [
    ...new Set(["github", "git", "gitlab", "cdevents", "pagerduty", "jira", ...totals.map((t) => t.source)]),
  ];
  const sources: SourceOverview[] = [];
  for (const source of names) {
    const total = totals.find((t) => t.source === source);
    const lastRow = total
      ? await db
          .selectFrom("source_events")
          .select(["received_at", "event_type", "status", "reason"])
          .where("id", "=", Number(total.last))
          .executeTakeFirst()
      : undefined;
    const days: DayCount[] = [];
    for (let d = since; d <= now; d += DAY_MS) {
      const rows = perDay.filter((r) => r.source === source && Number(r.day) === d);
      const count = (status: string) => rows.filter((r) => r.status === status).reduce((a, r) => a + Number(r.n), 0);
      days.push({
        day: new Date(d).toISOString().slice(0, 10),
        deliveries: rows.reduce((a, r) => a + Number(r.n), 0),
        mapped: count("mapped"),
        unmapped: count("unmapped"),
        failed: count("failed"),
        ignored: count("ignored"),
        pending: count("pending"),
        records: rows.reduce((a, r) => a + Number(r.records ?? 0), 0),
      });
    }
    const webhook = WEBHOOK_SOURCES[source] !== undefined;
    const query = new URLSearchParams({ orgIdentifier: scope.org, projectIdentifier: scope.project });
    sources.push({
      source,
      label: LABELS[source] ?? source,
      webhookUrl: webhook ? `${origin}/v2/sources/${source}/webhook?${query.toString()}` : null,
      secretSetAt: secrets.get(source) ?? null,
      total: Number(total?.n ?? 0),
      last: lastRow
        ? {
            receivedAt: Number(lastRow.received_at),
            type: lastRow.event_type,
            status: lastRow.status,
            reason: lastRow.reason,
          }
        : null,
      days: days.reverse(),
    });
  }
  const problems = await db
    .selectFrom("source_events")
    .select(["id", "source", "delivery_id", "event_type", "received_at", "status", "reason"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("status", "in", ["unmapped", "failed"])
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  const saved = await loadMapping(db, scope);
  return {
    scope,
    sources,
    problems: problems.map((p) => ({
      id: p.id,
      source: p.source,
      deliveryId: p.delivery_id,
      type: p.event_type,
      receivedAt: Number(p.received_at),
      status: p.status,
      reason: p.reason,
    })),
    imports: await recentImports(db, scope),
    mapping: saved
      ? {
          version: saved.version,
          text: saved.text,
          format: saved.format,
          savedAt: saved.savedAt,
          savedBy: saved.savedBy,
        }
      : { version: 0, text: STARTER, format: "yaml", savedAt: null, savedBy: null },
  };
}

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** What the editor offers before a first save: every section, with its defaults, to edit. */
export const STARTER = `# Which team each repository belongs to: exact names or globs (* ? **), first match wins.
teams:
  - repository: my-org/payments-*
    team: payments
  - repository: my-org/*
    team: platform
  # PagerDuty services (name or id) and Jira projects (key) map to teams the same way:
  # - pagerdutyService: Payments API
  #   team: payments
  # - jiraProject: PAY
  #   team: payments
# Environments that count as production.
production: [production, prod]
# What a deployment is: GitHub deployments (default), a workflow's runs on a branch, or tags.
deployments:
  default: { from: deployments }
  repositories:
    - repository: my-org/website
      from: workflow
      workflow: Deploy
      branch: main
# Issues with this label are incidents; other issues are work items. PagerDuty services left out.
incidents:
  label: incident
  excludeServices: []
# How a pull request names its work item: a key in its branch, then its title, then an issue it closes.
workItems:
  keyPattern: "[A-Z][A-Z0-9]+-[0-9]+"
  idPrefix: "jira:"
`;
