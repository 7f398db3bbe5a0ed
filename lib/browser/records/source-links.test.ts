import { describe, expect, it } from "vitest";
import { sourceUrl } from "./source-links";

describe("sourceUrl", () => {
  it.each([
    ["github:acme/payments#123", "https://github.com/acme/payments/pull/123"],
    ["github:acme-co/pay.api_v2#7", "https://github.com/acme-co/pay.api_v2/pull/7"],
    ["github:acme/payments/issues/45", "https://github.com/acme/payments/issues/45"],
    ["github:acme/payments/runs/9876543210", "https://github.com/acme/payments/actions/runs/9876543210"],
  ])("%s → %s", (id, url) => expect(sourceUrl(id)).toBe(url));

  it.each([
    "pr-eng-payments-12",
    "github:acme/payments/deployments/55",
    "gitlab:group/project!12",
    "pagerduty:P123ABC",
    "jira:PAY-12",
    "github:acme/payments#12x",
    "github:acme/payments#",
    "github:acme#12",
    "github:acme/../x#1",
    "github:acme/..#1",
    "github:-acme/payments#1",
    "github:acme/pay ments#1",
    "github:acme/payments#1\nX",
    "github:evil.example/x#1",
    "github:acme/payments/pull/1",
  ])("%s → none", (id) => expect(sourceUrl(id)).toBeNull());
});
