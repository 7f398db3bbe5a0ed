import { describe, expect, it } from "vitest";
import { mayStartUpstream } from "./navigation";

describe("mayStartUpstream", () => {
  it.each([
    ["same-origin", true],
    ["none", true],
    ["cross-site", false],
    ["same-site", false],
    [null, false],
    ["SAME-ORIGIN", false],
  ])("Sec-Fetch-Site %s → %s", (site, allowed) => {
    expect(mayStartUpstream(site)).toBe(allowed);
  });
});
