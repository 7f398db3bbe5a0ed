import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { persistedSecret } from "./secrets";

describe("persistedSecret", () => {
  it("generates once with mode 0600 and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-secret-"));
    const first = persistedSecret(dir, "session-secret");
    const second = persistedSecret(dir, "session-secret");
    expect(first.created).toBe(true);
    expect(second).toEqual({ value: first.value, created: false });
    expect(first.value.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(path.join(dir, "session-secret")).mode & 0o777).toBe(0o600);
  });
});
