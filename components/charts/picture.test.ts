import { describe, expect, it } from "vitest";
import { composePicture, escapeXml, pictureFileName, PICTURE_INK } from "./picture";

const chart = {
  markup:
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="240" viewBox="0 0 600 240"><rect width="10" height="10"/></svg>',
  width: 600,
  height: 240,
};

describe("composePicture", () => {
  const p = composePicture(chart, {
    title: "Lead time for changes",
    lines: ["R&D <Core> · 2026-01-01 to 2026-06-30", "Monthly · median · SEI industry benchmarks"],
    key: [
      { label: "Elite < 1 day", colour: "#15803d" },
      { label: "Low ≥ 30 days", colour: "#b91c1c" },
    ],
  });

  it("puts the title, each line and the key above the chart, escaped", () => {
    expect(p.markup).toContain(">Lead time for changes</text>");
    expect(p.markup).toContain(">R&amp;D &lt;Core&gt; · 2026-01-01 to 2026-06-30</text>");
    expect(p.markup).toContain(">Monthly · median · SEI industry benchmarks</text>");
    expect(p.markup).toContain(">Elite &lt; 1 day</text>");
    expect(p.markup).toContain('fill="#b91c1c"');
    expect(p.markup).toContain("<title>Lead time for changes – R&amp;D &lt;Core&gt;");
    expect(p.markup.indexOf("Lead time for changes</text>")).toBeLessThan(p.markup.indexOf(chart.markup));
  });

  it("is a standalone SVG on white, in the light theme's ink, sized to hold the chart and the block", () => {
    expect(p.markup.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(p.markup).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
    expect(p.markup).toContain(`color:${PICTURE_INK}`);
    expect(p.width).toBe(632);
    const top = Number(/translate\(16 (\d+)\)/.exec(p.markup)![1]);
    expect(top).toBeGreaterThan(60);
    expect(p.height).toBe(top + 240 + 16);
    expect(p.markup).toContain(`width="${p.width}" height="${p.height}" viewBox="0 0 ${p.width} ${p.height}"`);
  });

  it("wraps a long key onto more rows", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `Level number ${i}`, colour: "#000" }));
    const one = composePicture(chart, { title: "T", lines: [], key: many.slice(0, 1) });
    const wrapped = composePicture(chart, { title: "T", lines: [], key: many });
    expect(wrapped.height).toBeGreaterThan(one.height + 20);
  });
});

describe("escapeXml and pictureFileName", () => {
  it("escapes the five XML characters", () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });

  it.each([
    [
      ["Payments", "Lead time for changes", "2026-01-01 2026-06-30"],
      "svg",
      "payments-lead-time-for-changes-2026-01-01-2026-06-30.svg",
    ],
    [["Équipe Ü / R&D", "CFR"], "png", "equipe-u-r-d-cfr.png"],
    [["***"], "png", "chart.png"],
  ] as const)("%j as %s → %s", (parts, ext, name) => {
    expect(pictureFileName(parts, ext)).toBe(name);
  });
});
