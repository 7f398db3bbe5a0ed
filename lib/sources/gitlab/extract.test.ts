import { describe, expect, it } from "vitest";
import mergeRequestHook from "@/tests/fixtures/sources/gitlab/merge-request.json";
import detectedExample from "@/tests/fixtures/sources/cdevents/incident-detected.json";
import resolvedExample from "@/tests/fixtures/sources/cdevents/incident-resolved.json";
import { extractCdevents } from "../cdevents/extract";
import type { Extracted, Fact } from "../facts";
import { foldEntity } from "../fold";
import { mappingSchema } from "../mapping/schema";
import { extractGitlab } from "./extract";
import { gitlabTime } from "./payloads";

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const mapping = mappingSchema.parse({
  teams: [
    { gitlabProject: "gitlabhq/*", team: "web" },
    { cdeventsSource: "/monitoring/**", team: "ops" },
  ],
});
const factsOf = (e: Extracted): Fact[] => {
  if (e.status !== "mapped") throw new Error(`${e.status}: ${e.reason}`);
  return e.facts;
};

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe("gitlabTime", () => {
  it.each([
    ["2013-12-03T17:23:34Z", "2013-12-03T17:23:34.000Z"],
    ["2016-08-12 15:23:28 UTC", "2016-08-12T15:23:28.000Z"],
    ["2021-04-28 21:50:00 +0200", "2021-04-28T19:50:00.000Z"],
    ["2012-01-03T23:36:29+02:00", "2012-01-03T21:36:29.000Z"],
    ["2026-01-05T09:00:00.123Z", "2026-01-05T09:00:00.123Z"],
  ])("%s is %s", (value, expected) => {
    expect(new Date(gitlabTime(value)!).toISOString()).toBe(expected);
  });
  it.each(["yesterday", "2013-12-03", "", "2013-13-45 10:00:00 UTC"])("%j is not an instant", (value) => {
    expect(gitlabTime(value)).toBeNull();
  });
});

describe("GitLab merge requests through the fold", () => {
  const hook = (change: Record<string, unknown>): Fact[] => {
    const body = structuredClone(mergeRequestHook) as Payload;
    Object.assign(body.object_attributes, change);
    return factsOf(extractGitlab({ type: "Merge Request Hook", body, receivedAt: 0 }, mapping));
  };

  it("merged at the `merge` action's update; a later update of the merged one never moves it, in any order", () => {
    const facts = [
      ...hook({}),
      ...hook({ state: "merged", action: "merge", updated_at: "2013-12-04 10:00:00 UTC", merge_commit_sha: "abc1234" }),
      ...hook({ state: "merged", action: "update", updated_at: "2013-12-06T10:00:00Z", merge_commit_sha: "abc1234" }),
    ];
    const results = permutations(facts).map((p) => foldEntity(p, []));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]![0]!.item).toMatchObject({
      id: "gitlab:gitlabhq/gitlab-test!1",
      openedAt: "2013-12-03T17:23:34.000Z",
      mergedAt: "2013-12-04T10:00:00.000Z",
      mergeCommitSha: "abc1234",
    });
  });

  it("a merged one told only after its merge is merged no later than that update", () => {
    const [record] = foldEntity(
      hook({ state: "merged", action: "update", updated_at: "2013-12-06T10:00:00Z", merge_commit_sha: null }),
      [],
    );
    expect(record!.item).toMatchObject({ mergedAt: "2013-12-06T10:00:00.000Z", mergeCommitSha: null });
  });
});

describe("CDEvents incidents through the fold", () => {
  const event = (example: object, at: string, type?: string): Fact[] => {
    const body = structuredClone(example) as Payload;
    body.context.timestamp = at;
    return factsOf(extractCdevents({ type: type ?? body.context.type, body, receivedAt: 0 }, mapping));
  };
  const detected = (at: string) => event(detectedExample, at);
  const resolved = (at: string) => event(resolvedExample, at);

  it("detected, resolved, detected again, resolved again: open from the first detection to the last resolution, in any order", () => {
    const facts = [
      ...detected("2026-01-07T10:00:00Z"),
      ...resolved("2026-01-07T11:00:00Z"),
      ...detected("2026-01-07T12:00:00Z"),
      ...resolved("2026-01-07T13:00:00Z"),
    ];
    const results = permutations(facts).map((p) => foldEntity(p, []));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toEqual([
      {
        kind: "incidents",
        item: {
          id: "cdevents:/monitoring/prod1/incident-123",
          teamId: "ops",
          openedAt: "2026-01-07T10:00:00.000Z",
          resolvedAt: "2026-01-07T13:00:00.000Z",
          service: "myApp",
        },
      },
    ]);
  });

  it("a resolution alone makes no record; a detection after the last resolution is open", () => {
    expect(foldEntity(resolved("2026-01-07T11:00:00Z"), [])).toEqual([]);
    const [open] = foldEntity(
      [...detected("2026-01-07T10:00:00Z"), ...resolved("2026-01-07T11:00:00Z"), ...detected("2026-01-07T12:00:00Z")],
      [],
    );
    expect(open!.item).toMatchObject({ openedAt: "2026-01-07T10:00:00.000Z", resolvedAt: null });
  });

  it("in structured mode the CDEvent is the CloudEvent's data; any 0.x version is read", () => {
    const cloudEvent = { specversion: "1.0", id: "x", source: "/monitoring/prod1", type: "t", data: detectedExample };
    const facts = factsOf(
      extractCdevents({ type: "dev.cdevents.incident.detected.0.1.0", body: cloudEvent, receivedAt: 0 }, mapping),
    );
    expect(facts[0]!.entity).toBe("entity:cdevents:/monitoring/prod1/incident-123");
  });
});
