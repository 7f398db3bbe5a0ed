import { describe, expect, it } from "vitest";
import { createUrl, endpointsOf, reportUrl, resolveDownloadUrl, statusUrl } from "./urls";

const e = endpointsOf("https://sei.example.com/prod1/sei/api/");
const ID = "exp_ABCDEFGHIJ";
const DL = `/v2/insights/efficiency/exports/${ID}/download`;
const resolve = (raw: string) => resolveDownloadUrl(e, raw, ID, "o", "p")?.toString() ?? null;
const OK = `https://sei.example.com/prod1/sei/api${DL}?orgIdentifier=o&projectIdentifier=p`;

describe("endpoints", () => {
  it("keep the prefix and the identifiers", () => {
    expect(createUrl(e, "o", "p").toString()).toBe(
      "https://sei.example.com/prod1/sei/api/v2/insights/efficiency/exports?orgIdentifier=o&projectIdentifier=p",
    );
    expect(statusUrl(e, "o", "p", "a/b").pathname).toBe("/prod1/sei/api/v2/insights/efficiency/exports/a%2Fb");
    expect(reportUrl(e, "o", "p").search).toBe("?format=csv&orgIdentifier=o&projectIdentifier=p");
  });

  it("carry the base URL's own query", () => {
    const q = endpointsOf("https://h.example/api?accountIdentifier=acc");
    expect(statusUrl(q, "o", "p", ID).search).toBe("?accountIdentifier=acc&orgIdentifier=o&projectIdentifier=p");
  });
});

describe("resolveDownloadUrl", () => {
  it.each([
    ["a path relative to the prefix", DL, OK],
    ["a path that already has the prefix", `/prod1/sei/api${DL}`, OK],
    ["an absolute URL on the same origin", `https://sei.example.com/prod1/sei/api${DL}`, OK],
    [
      "its own query is kept, identifiers forced",
      `${DL}?sig=abc&orgIdentifier=evil`,
      `https://sei.example.com/prod1/sei/api${DL}?sig=abc&orgIdentifier=o&projectIdentifier=p`,
    ],
    ["another host", `https://evil.example.com/prod1/sei/api${DL}`, null],
    ["another scheme", `http://sei.example.com/prod1/sei/api${DL}`, null],
    ["another port", `https://sei.example.com:8443/prod1/sei/api${DL}`, null],
    ["protocol-relative", `//evil.example.com${DL}`, null],
    ["user@host", `https://user@sei.example.com/prod1/sei/api${DL}`, null],
    ["user@ in an absolute URL to another host", `https://sei.example.com@evil.example.com${DL}`, null],
    [".. escaping the prefix", `/../../v2/insights/efficiency/exports/${ID}/download`, null],
    ["encoded .. escaping the prefix", `/%2e%2e/%2e%2e${DL}`, null],
    ["another export's file", `/v2/insights/efficiency/exports/exp_OTHER00000/download`, null],
    ["another SEI path", `/v2/insights/teams/reports`, null],
    ["a backslash", `/\\evil.example.com${DL}`, null],
    ["a relative path without slash", `v2/insights/efficiency/exports/${ID}/download`, null],
    ["surrounding spaces", ` ${DL}`, null],
    ["javascript:", "javascript:alert(1)", null],
  ])("%s", (_name, raw, expected) => {
    expect(resolve(raw)).toBe(expected);
  });

  it("works without a prefix", () => {
    const bare = endpointsOf("http://127.0.0.1:9999");
    expect(resolveDownloadUrl(bare, DL, ID, "o", "p")?.pathname).toBe(DL);
    expect(resolveDownloadUrl(bare, `/x/..${DL}`, ID, "o", "p")?.pathname).toBe(DL);
  });
});
