import { describe, expect, it } from "vitest";
import { KIND_TABLE } from "./kinds";
import { parseBody } from "./parse";
import { prepareBatch } from "./prepare";
import { COLUMNS } from "./rows";

const pr = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  teamId: "t1",
  repository: "web",
  firstCommitAt: "2026-01-05T10:00:00Z",
  openedAt: "2026-01-05T11:00:00Z",
  mergedAt: "2026-01-06T09:00:00Z",
  mergeCommitSha: "abc123",
  ...extra,
});

const prepare = (kind: Parameters<typeof prepareBatch>[0], items: unknown[]) =>
  prepareBatch(kind, parseBody(kind, { items }));

describe("prepareBatch", () => {
  it("encodes each row as an array in the order of its table's COLUMNS, without the scope", () => {
    const batch = prepare("pull-requests", [pr("p1", { workItemId: "W-1" }), pr("p2")]);
    expect(batch.issues).toEqual([]);
    expect(COLUMNS.pull_requests.map(([c]) => c)).toEqual([
      "id",
      "team_id",
      "repository",
      "first_commit_at",
      "opened_at",
      "merged_at",
      "merge_commit_sha",
      "work_item_id",
    ]);
    const at = (iso: string) => Date.parse(iso);
    expect(JSON.parse(batch.rows!)).toEqual([
      [
        "p1",
        "t1",
        "web",
        at("2026-01-05T10:00:00Z"),
        at("2026-01-05T11:00:00Z"),
        at("2026-01-06T09:00:00Z"),
        "abc123",
        "W-1",
      ],
      [
        "p2",
        "t1",
        "web",
        at("2026-01-05T10:00:00Z"),
        at("2026-01-05T11:00:00Z"),
        at("2026-01-06T09:00:00Z"),
        "abc123",
        null,
      ],
    ]);
    expect(batch).toMatchObject({ count: 2, ids: ["p1", "p2"], teamIds: ["t1", "t1"], workItemIds: ["W-1"] });
  });

  it("gives every kind's row exactly its table's COLUMNS", () => {
    const items = {
      "work-items": { id: "w", teamId: "t", createdAt: "2026-01-01T00:00:00Z", key: "K-1" },
      "pull-requests": pr("p"),
      builds: { id: "b", repository: "r", commitSha: "s", finishedAt: "2026-01-01T00:00:00Z", status: "SUCCESS" },
      deployments: {
        id: "d",
        teamId: "t",
        environment: "prod",
        status: "SUCCESS",
        finishedAt: "2026-01-01T00:00:00Z",
        pullRequestIds: ["p"],
      },
      incidents: { id: "i", teamId: "t", openedAt: "2026-01-01T00:00:00Z" },
    } as const;
    for (const [kind, item] of Object.entries(items) as [keyof typeof items, unknown][]) {
      const batch = prepare(kind, [item]);
      expect(batch.issues, kind).toEqual([]);
      const [row] = JSON.parse(batch.rows!) as unknown[][];
      expect(row, kind).toHaveLength(COLUMNS[KIND_TABLE[kind]].length);
      expect(row![0], kind).toBe(JSON.parse(JSON.stringify(item)).id);
    }
    const [deployment] = JSON.parse(prepare("deployments", [items.deployments]).rows!) as unknown[][];
    const column = (c: string) => deployment![COLUMNS.deployments.findIndex(([name]) => name === c)];
    expect([column("is_production"), column("pull_request_ids"), column("commit_shas")]).toEqual([1, '["p"]', null]);
  });

  it("reports ids sent twice and bad shapes, and encodes no rows for a batch they refuse", () => {
    const batch = prepare("pull-requests", [pr("p1"), { id: "bad" }, pr("p1")]);
    expect(batch.rows).toBeNull();
    expect(batch.ids).toEqual(["p1", "p1"]);
    expect(batch.teamIds).toEqual(["t1", null, "t1"]);
    expect(batch.issues.filter((issue) => issue.field === "id").map((issue) => issue.index)).toEqual([2, 0]);
    expect(batch.issues.some((issue) => issue.index === 1)).toBe(true);
  });

  it("leaves teams to be checked against the stored ones: their items, no rows", () => {
    const batch = prepare("teams", [{ id: "t1", name: "T1", orgTree: "Eng" }]);
    expect(batch).toMatchObject({ count: 1, ids: ["t1"], rows: null, teamIds: null });
    expect(batch.teams).toEqual([{ id: "t1", name: "T1", orgTree: "Eng", refId: null, parentId: null }]);
  });
});
