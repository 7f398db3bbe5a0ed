import { describe, expect, it } from "vitest";
import { detectFormat, parseMapping } from "./parse";

describe("parseMapping", () => {
  it("reads YAML and fills the defaults", () => {
    const parsed = parseMapping("teams:\n  - repository: acme/*\n    team: web\n");
    expect(parsed).toMatchObject({
      ok: true,
      format: "yaml",
      mapping: {
        teams: [{ repository: "acme/*", team: "web" }],
        production: ["production", "prod"],
        deployments: { default: { from: "deployments" }, repositories: [] },
        incidents: { label: "incident" },
        workItems: { idPrefix: "jira:" },
      },
    });
  });

  it("reads JSON", () => {
    expect(parseMapping('{"production": ["live"]}')).toMatchObject({
      ok: true,
      format: "json",
      mapping: { production: ["live"] },
    });
  });

  it("names each bad field with its line", () => {
    const text = [
      "teams:",
      "  - repository: acme/web",
      "    team: web",
      "  - team: orphan",
      "deployments:",
      "  repositories:",
      "    - repository: acme/api",
      "      from: workflow",
      "colour: blue",
    ].join("\n");
    const parsed = parseMapping(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([
      { field: "teams.1", message: expect.stringContaining("needs one of repository"), line: 4 },
      { field: "deployments.repositories.0.workflow", message: "is required when from is workflow", line: 7 },
      { field: "colour", message: "unknown field", line: 9 },
    ]);
  });

  it("says a missing field is required and a wrong type what it must be", () => {
    const parsed = parseMapping('{"teams": [{"repository": "a/b"}], "production": "prod"}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(({ field, message }) => ({ field, message }))).toEqual([
      { field: "teams.0.team", message: "is required" },
      { field: "production", message: "must be an array" },
    ]);
  });

  it("refuses text that does not parse, with the line of a YAML error", () => {
    const bad = parseMapping("teams:\n  - repository: [unclosed\n");
    expect(bad).toMatchObject({ ok: false, issues: [{ field: "document", message: expect.stringContaining("YAML") }] });
    expect(parseMapping("{ nope", "json")).toMatchObject({
      ok: false,
      issues: [{ field: "document", message: expect.stringContaining("not valid JSON") }],
    });
    expect(parseMapping("- a\n- b\n")).toMatchObject({ ok: false, issues: [{ field: "document" }] });
  });

  it("detects the format from the content type, else from the text", () => {
    expect(detectFormat("teams: []", "application/json")).toBe("json");
    expect(detectFormat("{}", "application/yaml")).toBe("yaml");
    expect(detectFormat("  {}")).toBe("json");
    expect(detectFormat("teams: []")).toBe("yaml");
  });
});
