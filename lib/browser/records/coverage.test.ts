import { describe, expect, it } from "vitest";
import { coverageLines } from "./coverage";

const coverage = {
  pullRequests: { merged: 530, deployed: 412, withWorkItem: 300, withBuild: 530 },
  deployments: { production: 40, withChanges: 28, failed: 3 },
  incidents: { opened: 26, linked: 9, unresolved: 2 },
  workItems: { resolved: 0, withPullRequest: 0 },
};

describe("coverageLines", () => {
  const lines = Object.fromEntries(coverageLines(coverage).map((l) => [l.key, l]));

  it("says what lead time sees, and opens its pull requests", () => {
    expect(lines["lead-time"]).toMatchObject({
      text: "Lead time sees 412 of 530 merged pull requests (78%): 118 reached no deployment.",
      share: 412 / 530,
      low: false,
      records: { metric: "lttc" },
    });
  });

  it.each([
    ["work-items", 300 / 530, true],
    ["builds", 1, false],
    // Exactly 70% is not a warning: below 70% is.
    ["deployments", 28 / 40, false],
    ["incidents", 9 / 26, true],
  ])("%s: share %f, warning %s", (key, share, low) => {
    expect(lines[key]).toMatchObject({ share, low });
  });

  it("counts the unresolved incidents out of time to restore", () =>
    expect(lines.incidents!.text).toBe(
      "9 of 26 incidents are linked to a deployment (35%); 2 not resolved yet, so not in time to restore.",
    ));

  it("says when there is nothing to see, with no share, warning or link", () =>
    expect(lines["work-items-prs"]).toMatchObject({
      text: "No work item was resolved in this range.",
      share: null,
      low: false,
      records: null,
    }));

  it("speaks in the singular of one", () => {
    const one = coverageLines({ ...coverage, pullRequests: { merged: 1, deployed: 1, withWorkItem: 1, withBuild: 0 } });
    expect(one[0]!.text).toBe("Lead time sees 1 of 1 merged pull request (100%): 0 reached no deployment.");
  });
});
