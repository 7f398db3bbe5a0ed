// PUT and GET /v2/sources/mapping: the API key, validation naming each field with its line, versions.
import { describe, expect, it } from "vitest";
import { json, setupEngine, type ErrorBody } from "../engine-api/helpers";
import { getMapping, putMapping } from "./helpers";

setupEngine({ jobs: false });

describe("/v2/sources/mapping", () => {
  it("without the API key → 401", async () => {
    expect((await putMapping("teams: []", "application/yaml", null)).status).toBe(401);
    expect((await getMapping({}, "ApiKey wrong")).status).toBe(401);
  });

  it("GET before any save: the defaults, version 0", async () => {
    const res = await getMapping();
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      version: 0,
      mapping: { teams: [], production: ["production", "prod"], incidents: { label: "incident" } },
    });
  });

  it("PUT a bad document → 400 naming every bad field with its line; nothing saved", async () => {
    const res = await putMapping("teams:\n  - repository: acme/web\n  - team: web\nproduction: []\n");
    expect(res.status).toBe(400);
    const body = await json<ErrorBody & { details: { line?: number }[] }>(res);
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(body.details).toEqual([
      { field: "teams.0.team", message: "is required", line: 2 },
      { field: "teams.1", message: expect.stringContaining("needs one of repository"), line: 3 },
      { field: "production", message: "must name at least one environment", line: 4 },
    ]);
    expect(await json(await getMapping())).toMatchObject({ version: 0 });
    expect((await putMapping("{ not json", "application/json")).status).toBe(400);
  });

  it("PUT YAML then JSON: each save a new version, the older kept", async () => {
    const yaml = "# ours\nteams:\n  - repository: acme/*\n    team: web\n";
    const first = await putMapping(yaml);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ version: 1 });
    const second = await putMapping(
      JSON.stringify({ teams: [{ repository: "acme/*", team: "api" }] }),
      "application/json",
    );
    expect(await json(second)).toEqual({ version: 2 });
    const current = await json(await getMapping());
    expect(current).toMatchObject({
      version: 2,
      format: "json",
      mapping: { teams: [{ team: "api" }] },
      savedBy: "API key",
    });
    expect((current.versions as unknown[]).length).toBe(2);
    const older = await json(await getMapping({ version: "1" }));
    expect(older).toMatchObject({ version: 1, format: "yaml", text: yaml });
    expect((await getMapping({ version: "7" })).status).toBe(404);
    expect((await getMapping({ version: "x" })).status).toBe(400);
  });
});
