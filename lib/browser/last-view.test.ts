import { afterEach, describe, expect, it, vi } from "vitest";
import { lastView, rememberViewScript } from "./last-view";

function fakeStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe("rememberViewScript", () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    "/teams/eng?range=6m&granularity=MONTHLY&aggregation=median&benchmark=sei",
    "/teams/a%3C%2Fscript%3E?range=3m",
    "/org-trees/x</script><script>alert(1)</script>?range=3m",
  ])("remembers %s exactly, as lastView reads it", (href) => {
    vi.stubGlobal("localStorage", fakeStorage());
    new Function(rememberViewScript(href))();
    expect(lastView()).toBe(href);
  });

  it("never closes its script element", () =>
    expect(rememberViewScript("/teams/x</script>")).not.toMatch(/<\/script/i));

  it("does not throw when storage is off", () => {
    vi.stubGlobal("localStorage", {
      setItem: () => {
        throw new Error("off");
      },
    });
    expect(() => new Function(rememberViewScript("/teams/eng"))()).not.toThrow();
  });
});
