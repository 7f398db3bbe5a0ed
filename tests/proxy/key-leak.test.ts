// The configured SEI key never appears in a response, a log line or an error, whatever SEI answers;
// and (when a build is present) not in the client bundle.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createdId, harness } from "./harness-env";
import { exportBody, KEY } from "./helpers";

const { env, call, fake } = harness();
const admin = () => env().users.admin;

async function dump(res: Response): Promise<string> {
  return `${res.status} ${JSON.stringify([...res.headers])} ${await res.text().catch((e: unknown) => String(e))}`;
}

describe("the SEI key never leaks", () => {
  it("in responses, error messages or log lines, even when SEI echoes it back", async () => {
    const echo = {
      body: { message: `bad key ${KEY}`, key: KEY },
      headers: { "x-api-key": KEY, "www-authenticate": KEY },
    };
    const seen: string[] = [];
    const id = await createdId(call, env);
    const scenarios: [string, () => Promise<Response>][] = [
      [
        "create 401",
        async () => (
          fake().queue("create", { status: 401, ...echo }),
          call.create({ user: admin(), body: exportBody({ teamId: "pay" }) })
        ),
      ],
      [
        "create 400",
        async () => (
          fake().queue("create", { status: 400, ...echo }),
          call.create({ user: admin(), body: exportBody({ teamId: "web" }) })
        ),
      ],
      [
        "create 500s",
        async () => (
          fake().queue("create", { status: 500, ...echo }, { status: 500, ...echo }, { status: 500, ...echo }),
          call.create({ user: admin(), body: exportBody({ teamId: "eng" }) })
        ),
      ],
      [
        "poll 200 echoing",
        async () => (
          (fake().statusPatch = {
            status: "FAILED",
            downloadUrl: null,
            error: { code: KEY, message: `failed with ${KEY}` },
          }),
          call.poll(id, { user: admin() })
        ),
      ],
      [
        "poll unreadable",
        async () => (fake().queue("status", { status: 200, body: KEY }), call.poll(id, { user: admin() })),
      ],
      [
        "foreign downloadUrl with the key",
        async () => (
          (fake().statusPatch = { downloadUrl: `https://${KEY}@evil.example/x` }),
          call.download(id, { user: admin() })
        ),
      ],
      [
        "download 403",
        async () => (
          (fake().statusPatch = {}),
          fake().queue("download", { status: 403, ...echo }),
          call.download(id, { user: admin() })
        ),
      ],
      [
        "report 401",
        async () => (
          fake().queue("report", { status: 401, ...echo }),
          call.report({ user: admin(), body: { dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 2 } })
        ),
      ],
      ["scopes", () => call.scopes({ user: admin() })],
      ["list", () => call.list({ user: admin() })],
    ];
    for (const [name, run] of scenarios) seen.push(`${name}: ${await dump(await run())}`);
    expect(fake().requests.some((r) => r.headers["x-api-key"] === KEY)).toBe(true);
    for (const line of seen) expect(line).not.toContain(KEY);
    const logs = env().logs.join("");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(KEY);
  });
});

// CI builds before it can run this against the bundle: set SEI_API_KEY for `npm run build` and for
// this test to the same value. Without a build or a key it skips, saying why.
const distDir = process.env.FOURFOLD_DIST_DIR ?? ".next";
const staticDir = path.resolve(distDir, "static");
const buildKey = process.env.FOURFOLD_BUNDLE_KEY ?? process.env.SEI_BUNDLE_KEY;
const why = !fs.existsSync(staticDir)
  ? `no build at ${staticDir}`
  : !buildKey
    ? "FOURFOLD_BUNDLE_KEY (the SEI_API_KEY the build was made with) is not set"
    : null;

describe.skipIf(why !== null)(`the client bundle (${why ?? staticDir})`, () => {
  it("has no trace of the configured key", () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (fs.readFileSync(file).includes(buildKey!)) hits.push(file);
      }
    };
    walk(staticDir);
    expect(hits).toEqual([]);
  });
});
