import { describe, expect, it } from "vitest";
import { globMatch } from "./glob";

describe("globMatch", () => {
  it.each([
    ["acme/web", "acme/web", true],
    ["acme/web", "ACME/Web", true],
    ["acme/*", "acme/web", true],
    ["acme/*", "acme/web/sub", false],
    ["acme/**", "acme/web/sub", true],
    ["*/web", "acme/web", true],
    ["acme/pay-?", "acme/pay-1", true],
    ["acme/pay-?", "acme/pay-12", false],
    ["v*", "v1.2.3", true],
    ["v*", "release-1", false],
    ["acme/a.b", "acme/aXb", false],
    ["acme/(x)", "acme/(x)", true],
  ])("%s matches %s: %s", (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});
