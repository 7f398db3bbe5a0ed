import { describe, expect, it } from "vitest";
import { DEMO_ORG } from "./demo-org";
import { generateOrg, MAX_BATCH } from "./generate-org";
import { KINDS, type Item, type Kind, type OrgOptions } from "./types";

const END = new Date("2026-03-01T00:00:00Z");
const demo = (overrides: Partial<OrgOptions> = {}) => generateOrg({ ...DEMO_ORG, end: END, ...overrides });
const dump = (options: Partial<OrgOptions> = {}): string => {
  const org = demo(options);
  return KINDS.map((kind) => JSON.stringify([...org.items(kind)])).join("\n");
};

// Spec §2: the fields of each kind, required first.
const FIELDS: Record<Kind, { required: string[]; optional: string[] }> = {
  teams: { required: ["id", "name", "orgTree"], optional: ["refId", "parentId"] },
  "work-items": { required: ["id", "teamId", "createdAt"], optional: ["key", "startedAt", "resolvedAt"] },
  "pull-requests": {
    required: ["id", "teamId", "repository", "firstCommitAt", "openedAt"],
    optional: ["mergedAt", "mergeCommitSha", "workItemId"],
  },
  builds: { required: ["id", "repository", "commitSha", "finishedAt", "status"], optional: ["startedAt"] },
  deployments: {
    required: ["id", "teamId", "environment", "status", "finishedAt"],
    optional: ["service", "repository", "startedAt", "pullRequestIds", "commitShas"],
  },
  incidents: { required: ["id", "teamId", "openedAt"], optional: ["resolvedAt", "service", "deploymentId"] },
};
const TIMES = new Set(["createdAt", "startedAt", "resolvedAt", "firstCommitAt", "openedAt", "mergedAt", "finishedAt"]);
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Problems with one item against spec §2, as `field: message`. */
function problems(kind: Kind, item: Item, start: number, end: number): string[] {
  const out: string[] = [];
  const record = item as unknown as Record<string, unknown>;
  const { required, optional } = FIELDS[kind];
  for (const field of required)
    if (record[field] === undefined || record[field] === null) out.push(`${field}: missing`);
  for (const [field, value] of Object.entries(record)) {
    if (!required.includes(field) && !optional.includes(field)) out.push(`${field}: unknown`);
    else if (TIMES.has(field)) {
      if (typeof value !== "string" || !ISO_Z.test(value)) out.push(`${field}: not ISO-8601 Z`);
      else if (Date.parse(value) < start || Date.parse(value) >= end) out.push(`${field}: outside the span`);
    } else if (field === "status" && value !== "success" && value !== "failure") out.push("status: bad value");
    else if (field === "refId" && !Number.isInteger(value)) out.push("refId: not an integer");
    else if (field === "parentId" && value !== null && typeof value !== "string") out.push("parentId: not a string");
    else if (field === "pullRequestIds" || field === "commitShas") {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) out.push(`${field}: not a string array`);
    } else if (!TIMES.has(field) && field !== "refId" && field !== "parentId" && typeof value !== "string")
      out.push(`${field}: not a string`);
  }
  return out;
}

describe("generateOrg: determinism", () => {
  it("the same options give byte-identical items", () => {
    expect(dump()).toBe(dump());
  });

  it.each([{ seed: 1 }, { end: new Date("2026-03-02T00:00:00Z") }, { prsPerTeamPerWeek: 7 }])(
    "changing %o changes the items",
    (change) => {
      expect(dump(change)).not.toBe(dump());
    },
  );

  it("a kind's items do not depend on which kinds were generated before", () => {
    const fresh = JSON.stringify([...demo().items("incidents")]);
    const org = demo();
    for (const kind of KINDS) for (const _ of org.items(kind));
    expect(JSON.stringify([...org.items("incidents")])).toBe(fresh);
  });
});

describe("generateOrg: items match the ingestion fields of spec §2", () => {
  const org = demo();
  it("(the check itself flags unknown, missing and badly formatted fields)", () => {
    const item = { id: "x", teamId: "t", openedAt: "2026-01-05T14:03:00.000Z", severity: "high" } as unknown as Item;
    expect(problems("incidents", item, 0, Infinity)).toEqual(["openedAt: not ISO-8601 Z", "severity: unknown"]);
    expect(problems("builds", item, 0, Infinity)).toContain("commitSha: missing");
  });

  it.each(KINDS.map((k) => [k]))("%s", (kind) => {
    const items = [...org.items(kind)];
    expect(items.length).toBeGreaterThan(0);
    const bad = items.flatMap((item, index) =>
      problems(kind, item, org.start.getTime(), org.end.getTime()).map((p) => `${index} ${p}`),
    );
    expect(bad.slice(0, 5)).toEqual([]);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });
});

describe("generateOrg: batches", () => {
  const org = demo();
  const all = [...org.items("work-items")];

  it.each([1000, all.length, all.length - 1])("size %d: full batches, then the rest, same items in order", (size) => {
    const batches = [...org.batches("work-items", size)];
    expect(batches.slice(0, -1).every((b) => b.length === size)).toBe(true);
    expect(batches.at(-1)!.length).toBeLessThanOrEqual(size);
    expect(batches.flat()).toEqual(all);
  });

  it("defaults to the ingestion limit of 5,000", () => {
    expect(MAX_BATCH).toBe(5000);
    expect([...org.batches("work-items")][0]).toHaveLength(Math.min(5000, all.length));
  });

  it("rejects a size below 1", () => {
    expect(() => [...org.batches("teams", 0)]).toThrow(RangeError);
  });

  it("all() walks the kinds in ingestion order", () => {
    const kinds = [...org.all()].map((b) => b.kind);
    expect([...new Set(kinds)]).toEqual(["teams", "work-items", "builds", "pull-requests", "deployments", "incidents"]);
  });
});
