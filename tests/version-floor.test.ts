import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm audit` cannot run here, so the security floors are checked against what is installed.
const FLOORS: Record<string, string> = { next: "16.4.6", "next-auth": "4.24.15" };

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function installed(name: string): string {
  const file = path.join(process.cwd(), "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

describe("security version floors", () => {
  it.each(Object.entries(FLOORS))("installed %s is at least %s", (name, floor) => {
    expect(compareVersions(installed(name), floor)).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ["16.4.5", "16.4.6", -1],
    ["16.4.6", "16.4.6", 0],
    ["16.10.0", "16.4.6", 1],
    ["4.24.14", "4.24.15", -1],
    ["5.0.0", "4.24.15", 1],
  ])("compareVersions(%s, %s) has the sign of %i", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it("package.json pins exact versions", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as Record<
      string,
      Record<string, string>
    >;
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const [name, range] of Object.entries(deps ?? {})) expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
