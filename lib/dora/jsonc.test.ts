import { describe, expect, it } from "vitest";
import { ORG_TREE_EXPORT_BODY, TEAM_EXPORT_BODY } from "./fixtures/harness-doc-bodies";
import { MAX_NESTING, nestedTooDeep, parseBodyText, parseJsonc } from "./jsonc";

describe("parseJsonc – accepted", () => {
  it.each([
    ["plain JSON", '{"a": [1, 2.5, "x", true, null]}', { a: [1, 2.5, "x", true, null] }],
    ["line comment", '{"a": 1 // one\n}', { a: 1 }],
    ["block comment", '/* lead */ {"a": /* in */ 1}', { a: 1 }],
    ["trailing comma in object", '{"a": 1,}', { a: 1 }],
    ["trailing comma in array", "[1, 2,]", [1, 2]],
    ["nested trailing commas", '{"a": {"b": [1,],},}', { a: { b: [1] } }],
    ["a scalar", "42", 42],
    ["an exponent", "1e3", 1000],
    ["a unicode escape", '"\\u00e9"', "é"],
  ])("%s", (_name, text, expected) => {
    expect(parseJsonc(text)).toEqual({ ok: true, value: expected });
  });

  it("keeps a __proto__ key as an own property, as JSON.parse does", () => {
    const result = parseJsonc('{"__proto__": {"x": 1}}');
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.value as object)).toEqual(["__proto__"]);
  });

  it.each([
    ["team", TEAM_EXPORT_BODY],
    ["org tree", ORG_TREE_EXPORT_BODY],
  ])("parses the Harness documentation's %s body", (_name, text) => {
    const result = parseJsonc(text);
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { metricGroups: string[] }).metricGroups).toEqual([
      "lttc",
      "df",
      "mttr",
      "cfr",
    ]);
  });
});

describe("parseJsonc – refused", () => {
  it.each([
    ["empty body", ""],
    ["blank body", "  \n "],
    ["only a comment", "// nothing"],
    ["single quotes", "{'a': 1}"],
    ["unquoted key", "{a: 1}"],
    ["NaN", '{"a": NaN}'],
    ["Infinity", "Infinity"],
    ["hex number", "0x10"],
    ["leading plus", "+1"],
    ["leading dot", ".5"],
    ["trailing dot", "1."],
    ["leading zero", "01"],
    ["trailing garbage", '{"a": 1} x'],
    ["two values", "{}{}"],
    ["lone comma in object", "{,}"],
    ["double comma", "[1,,2]"],
    ["unterminated comment", '{"a": 1} /* open'],
    ["unterminated object", '{"a": 1'],
    ["invalid escape", '"a\\q"'],
    ["raw tab in a string", '"a\tb"'],
    ["undefined", "undefined"],
  ])("%s", (_name, text) => {
    expect(parseJsonc(text).ok).toBe(false);
  });

  it("says where it failed, by line and column", () => {
    expect(parseJsonc('{\n  "a": 1,\n  b: 2\n}')).toEqual({
      ok: false,
      message: "Invalid JSON at line 3, column 3: invalid symbol",
    });
  });

  it("names an empty body", () => {
    expect(parseJsonc("")).toEqual({ ok: false, message: expect.stringContaining("line 1, column 1") });
  });
});

describe("nesting", () => {
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

  it.each([
    ["JSONC arrays 3,000 deep", `{"items":[${deep(3000)}],}`],
    ["JSONC objects 3,000 deep", `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`],
    ["plain JSON 100,000 deep", deep(100_000)],
    ["one level past the limit", deep(MAX_NESTING + 1)],
  ])("refuses %s, JSON or JSONC, naming the limit", (_name, text) => {
    for (const parse of [parseJsonc, parseBodyText]) {
      expect(parse(text)).toEqual({
        ok: false,
        message: `Invalid JSON: the body is nested more than ${MAX_NESTING} levels deep`,
      });
    }
  });

  it("parses a body at the limit", () => {
    expect(parseJsonc(deep(MAX_NESTING)).ok).toBe(true);
    expect(parseBodyText(`{"a": ${deep(MAX_NESTING - 1)},}`).ok).toBe(true);
  });

  it.each([
    ["brackets in strings", `["${"[".repeat(100)}", "\\\\", "\\"[[["]`, false],
    ["brackets in comments", `[// ${"[".repeat(100)}\n1 /* ${"{".repeat(100)} */]`, false],
    ["brackets after an escaped quote", `["\\"", ${deep(10)}]`, true],
  ])("counts only structure: %s", (_name, text, deeper) => {
    expect(nestedTooDeep(text, 10)).toBe(deeper);
  });
});
