import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv, publicConfig } from "./env";

function problems(env: Record<string, string>): string[] {
  try {
    parseServerEnv(env);
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseServerEnv", () => {
  it("needs nothing on a fresh machine", () => {
    const env = parseServerEnv({});
    expect(env.FOURFOLD_DATA_DIR).toBe("./data");
    expect(env.FOURFOLD_API_KEYS).toEqual([]);
    expect(publicConfig(env)).toEqual({
      mode: "embedded",
      host: null,
      features: { newerMetrics: true, records: true, coverage: true },
    });
  });

  it.each([
    [{ SEI_BASE_URL: "not a url" }, "SEI_BASE_URL"],
    [
      { SEI_BASE_URL: "ftp://sei.example/api", SEI_API_KEY: "k", SEI_ORG_IDENTIFIER: "o", SEI_PROJECT_IDENTIFIER: "p" },
      "SEI_BASE_URL",
    ],
    [{ SEI_BASE_URL: "https://sei.example/prod1/sei/api" }, "SEI_API_KEY"],
    [{ SEI_BASE_URL: "https://sei.example/prod1/sei/api", SEI_API_KEY: "k" }, "SEI_ORG_IDENTIFIER"],
    [{ NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET"],
    [{ FOURFOLD_SESSION_MAX_AGE: "ten" }, "FOURFOLD_SESSION_MAX_AGE"],
    [{ FOURFOLD_SESSION_MAX_AGE: "10" }, "FOURFOLD_SESSION_MAX_AGE"],
    [{ FOURFOLD_ADMIN_EMAIL: "nobody", FOURFOLD_ADMIN_PASSWORD: "long-enough-password" }, "FOURFOLD_ADMIN_EMAIL"],
    [{ FOURFOLD_ADMIN_EMAIL: "a@b.example", FOURFOLD_ADMIN_PASSWORD: "short" }, "FOURFOLD_ADMIN_PASSWORD"],
    [{ FOURFOLD_ADMIN_EMAIL: "a@b.example" }, "FOURFOLD_ADMIN_EMAIL"],
    [{ OIDC_ISSUER: "https://id.example" }, "OIDC_ISSUER"],
    [{ GITHUB_ID: "x" }, "GITHUB_ID"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
  ])("%j is refused, naming %s", (env, name) => {
    const list = problems(env as Record<string, string>);
    expect(list.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  it("names every bad variable at once and never echoes a value", () => {
    const secret = "s3cr3t-value";
    const list = problems({ SEI_BASE_URL: secret, NEXTAUTH_SECRET: secret });
    expect(list.map((p) => p.split(":")[0]).sort()).toEqual(
      expect.arrayContaining(["NEXTAUTH_SECRET", "SEI_BASE_URL"]),
    );
    expect(list.join("\n")).not.toContain(secret);
  });

  it("treats empty values as unset", () => {
    expect(problems({ SEI_BASE_URL: "", NEXTAUTH_SECRET: "" })).toEqual([]);
  });

  it("reads a Harness connection and shows only its host", () => {
    const env = parseServerEnv({
      SEI_BASE_URL: "https://app.harness.example/prod1/sei/api",
      SEI_API_KEY: "pat.secret",
      SEI_ORG_IDENTIFIER: "default",
      SEI_PROJECT_IDENTIFIER: "proj",
      FOURFOLD_API_KEYS: "a, b ,,c",
    });
    expect(publicConfig(env)).toEqual({
      mode: "harness",
      host: "app.harness.example",
      features: { newerMetrics: false, records: false, coverage: false },
    });
    expect(env.FOURFOLD_API_KEYS).toEqual(["a", "b", "c"]);
  });
});
