import { describe, expect, it } from "vitest";
import { checkApiKey } from "./keys";

describe("checkApiKey", () => {
  const keys = ["ff_one", "ff_two"];
  it.each([
    ["ApiKey ff_one", true],
    ["apikey ff_two", true],
    ["APIKEY   ff_one ", true],
    ["ApiKey ff_three", false],
    ["Bearer ff_one", false],
    ["ff_one", false],
    ["ApiKey", false],
    ["", false],
    [null, false],
  ])("%j → %s", (header, ok) => {
    expect(checkApiKey(header, keys)).toBe(ok);
  });

  it("refuses everything when no key is configured", () => {
    expect(checkApiKey("ApiKey anything", [])).toBe(false);
  });
});
