// @vitest-environment node
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import type { TeamSeries } from "@/lib/browser/csv/series";
import { SERIES_COLOUR, STAGE_COLOURS } from "../theme";
import { drawSnapshot } from "./draw";

// Three periods, the middle one without data: a gap, never a zero.
const PERIODS = ["2026-W01", "2026-W02", "2026-W03"];
const gap = (i: number) => i === 1;
const at = <T>(make: (i: number) => T) => PERIODS.map((period, i) => ({ period, start: null, end: null, ...make(i) }));
const or = (i: number, v: number) => (gap(i) ? null : v);

function seriesOf(periods = PERIODS): TeamSeries {
  const s: TeamSeries = {
    lttc: at((i) => ({
      PLANNING: or(i, 1),
      CODING: or(i, 0.5),
      REVIEW: or(i, 0.3),
      BUILD: or(i, 0.1),
      DEPLOY: or(i, 0.2),
      LTTC: or(i, 2.1),
      changes: or(i, 4),
    })),
    df: at((i) => ({ deployments: or(i, 3 + i), perDay: or(i, 0.5), days: 7 })),
    cfr: at((i) => ({ percent: or(i, 10 + i), failures: or(i, 1), total: or(i, 10) })),
    mttr: at((i) => ({ days: or(i, 0.5), incidents: or(i, 2) })),
    fdrt: [],
    rework: [],
    has: { lttc: true, df: true, cfr: true, mttr: true, fdrt: false, rework: false },
  };
  for (const points of [s.lttc, s.df, s.cfr, s.mttr]) points.forEach((p, i) => (p.period = periods[i]!));
  return s;
}

const win = new Window();
function parse(markup: string) {
  const svg = new win.DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
  const all = (selector: string) => Array.from(svg.querySelectorAll(selector));
  return { svg, all, labels: all("text").map((t) => t.textContent) };
}
/** Paths that draw a line (not an area): the series' line. */
const linePaths = (all: ReturnType<typeof parse>["all"], stroke: string) =>
  all(`path[stroke="${stroke}"][fill="none"]`).filter((p) => /^M/.test(p.getAttribute("d") ?? ""));

describe("drawSnapshot", () => {
  it.each(["lttc", "df", "cfr", "mttr"] as const)(
    "%s: a 240 px high snapshot with the periods on its axis",
    async (kind) => {
      const { svg, labels } = parse(await drawSnapshot(kind, seriesOf(), "sei", 640));
      expect(svg.getAttribute("viewBox")).toBe("0 0 640 240");
      expect(labels).toEqual(expect.arrayContaining(PERIODS));
    },
  );

  it("lttc: a bar per stage for each period with data, and the lead time line", async () => {
    const { all } = parse(await drawSnapshot("lttc", seriesOf(), "sei", 640));
    for (const colour of Object.values(STAGE_COLOURS)) expect(all(`path[fill="${colour}"]`)).toHaveLength(2);
    expect(linePaths(all, "currentColor")).toHaveLength(1);
  });

  it("df: a bar for each period with data", async () => {
    const { all } = parse(await drawSnapshot("df", seriesOf(), "sei", 640));
    expect(all(`path[fill="${SERIES_COLOUR.df}"]`)).toHaveLength(2);
  });

  it.each(["cfr", "mttr"] as const)("%s: the line, with a dot on each point", async (kind) => {
    const { all } = parse(await drawSnapshot(kind, seriesOf(), "sei", 640));
    expect(linePaths(all, SERIES_COLOUR[kind])).toHaveLength(1);
    expect(all(`circle[stroke="${SERIES_COLOUR[kind]}"]`)).toHaveLength(2);
  });

  it("keeps the period labels the browser keeps: those that do not overlap at 12 px", async () => {
    const weeks = Array.from({ length: 26 }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);
    const s = seriesOf(weeks.slice(0, 3));
    s.cfr = weeks.map((period, i) => ({ period, start: null, end: null, percent: i, failures: 1, total: 10 }));
    const { labels } = parse(await drawSnapshot("cfr", s, "sei", 640));
    // As Chromium draws this chart with DejaVu Sans: every third week, and the last.
    expect(labels.filter((l) => l?.startsWith("2026-"))).toEqual(
      ["W01", "W04", "W07", "W10", "W13", "W16", "W19", "W22", "W26"].map((w) => `2026-${w}`),
    );
  });

  it("draws at the width asked, ids prefixed by chart", async () => {
    const markup = await drawSnapshot("cfr", seriesOf(), "sei", 320);
    expect(parse(markup).svg.getAttribute("viewBox")).toBe("0 0 320 240");
    expect(markup).toMatch(/ id="ff-cfr-/);
    expect(markup).not.toMatch(/ id="(?!ff-cfr-)/);
  });

  it("a period label from the CSV stays text", async () => {
    const markup = await drawSnapshot("df", seriesOf(["<script>alert(1)</script>", "a & b", 'x"y']), "sei", 640);
    expect(markup).not.toContain("<script");
    expect(markup).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(parse(markup).labels).toEqual(expect.arrayContaining(["a & b", 'x"y']));
  });

  it.each([119, 4001, Number.NaN])("refuses the width %s", async (width) => {
    await expect(drawSnapshot("df", seriesOf(), "sei", width)).rejects.toThrow(RangeError);
  });
});
