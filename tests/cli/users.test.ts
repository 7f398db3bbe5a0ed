// `npm run users` as an operator's script uses it: stdout holds only the answer (log lines and the
// first-start notices go to stderr), and the account commands end sessions as documented.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function users(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/users.ts", ...args],
    {
      env: {
        ...process.env,
        FOURFOLD_DATA_DIR: dir,
        FOURFOLD_DEMO: "off",
        FOURFOLD_LOG: "on",
        FOURFOLD_API_KEYS: "ff_cli_test_key",
      },
    },
  );
}

describe("npm run users", () => {
  it("list on a fresh store prints only the accounts on stdout; logs and notices go to stderr", async () => {
    const { stdout, stderr } = await users("list");
    expect(stdout).toBe("admin@localhost\tall (admin)\tsso:-\tsessions:0\n");
    expect(stderr).toContain('"event":"runtime.ready"');
    expect(stderr).toContain("first admin account created");
  }, 60_000);

  it("identities, unlink and signout answer for an account, and refuse an unknown one", async () => {
    expect((await users("identities", "admin@localhost")).stdout).toBe(
      "admin@localhost has no single sign-on identity.\n",
    );
    expect((await users("signout", "admin@localhost")).stdout).toBe("Ended 0 sessions of admin@localhost.\n");
    await expect(users("unlink", "admin@localhost", "7")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("admin@localhost has no identity 7.\n"),
    });
    await expect(users("signout", "nobody@example.com")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("nobody@example.com does not exist."),
    });
  }, 60_000);
});
