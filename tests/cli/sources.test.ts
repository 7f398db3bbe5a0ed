// `npm run sources` as an operator uses it: a secret generated and printed once, replay's summary.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-cli-sources-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sources = (...args: string[]) =>
  run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/sources.ts", ...args], {
    env: { ...process.env, FOURFOLD_DATA_DIR: dir, FOURFOLD_DEMO: "off", FOURFOLD_API_KEYS: "ff_cli_test_key" },
  });

describe("npm run sources", () => {
  it("secret github generates a secret, prints it once and keeps it encrypted", async () => {
    const { stdout } = await sources("secret", "github", "--org", "acme", "--project", "web");
    const secret = /Secret: (\S+)/.exec(stdout)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    for (const file of ["fourfold.db", "fourfold.db-wal"].map((f) => path.join(dir, f)).filter(fs.existsSync))
      expect(fs.readFileSync(file).includes(Buffer.from(secret!))).toBe(false);
    expect(fs.statSync(path.join(dir, "sources-secret-key")).mode & 0o777).toBe(0o600);
  }, 60_000);

  it("refuses an unknown source and a bad --since", async () => {
    await expect(sources("secret", "svn")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("<source> must be one of github"),
    });
    await expect(sources("replay", "--since", "yesterday")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--since must be a date"),
    });
  }, 60_000);

  it("replay on an empty log says so", async () => {
    const { stdout } = await sources("replay", "--since", "2026-01-01");
    expect(stdout).toMatch(
      /^Replayed 0 events in \d+\.\d s: 0 mapped, 0 unmapped, 0 ignored, 0 failed; 0 records written, 0 removed\.\n$/,
    );
  }, 60_000);
});
