import { describe, expect, it } from "vitest";
import type { AnnotationView } from "@/lib/contract";
import { noteOverlaps, numberNotes, placeNotes, type PeriodSpan } from "./annotation-marks";

const note = (id: number, startDate: string, endDate: string | null, teamId = "eng"): AnnotationView => ({
  id,
  scope: { kind: "team", teamId },
  scopeName: teamId === "eng" ? "Engineering" : "Growth",
  startDate,
  endDate,
  text: `note ${id}`,
  author: "a@example.com",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: null,
  mayEdit: true,
});
const eng = { kind: "team" as const, teamId: "eng" };
const months = [
  { period: "2026-01", start: "2026-01-01", end: "2026-01-31" },
  { period: "2026-02", start: "2026-02-01", end: "2026-02-28" },
  { period: "2026-03", start: "2026-03-01", end: "2026-03-31" },
];

describe("numberNotes", () => {
  it("numbers the oldest first, ties by id, and tells a sub-team's note from the view's own", () => {
    const out = numberNotes(
      [note(3, "2026-03-01", null), note(1, "2026-02-01", null, "growth"), note(2, "2026-03-01", null)],
      eng,
    );
    expect(out.map((n) => [n.note.id, n.number, n.own])).toEqual([
      [1, 1, false],
      [2, 2, true],
      [3, 3, true],
    ]);
  });

  it("a note on the org tree is the org tree view's own", () => {
    const onTree = { ...note(1, "2026-01-01", null), scope: { kind: "orgTree" as const, orgTreeName: "Eng" } };
    expect(numberNotes([onTree], { kind: "orgTree", orgTreeName: "Eng" })[0]?.own).toBe(true);
    expect(numberNotes([onTree], eng)[0]?.own).toBe(false);
  });
});

describe("placeNotes", () => {
  const place = (n: AnnotationView, periods: PeriodSpan[] = months) =>
    placeNotes(numberNotes([n], eng), periods)[0] ?? null;

  it.each([
    ["a day: a line at its period", note(1, "2026-02-14", null), { from: "2026-02", to: null }],
    ["the first day of a period", note(1, "2026-03-01", null), { from: "2026-03", to: null }],
    ["a range within one period: a line", note(1, "2026-02-02", "2026-02-20"), { from: "2026-02", to: null }],
    ["a range over two periods: an area", note(1, "2026-01-20", "2026-02-03"), { from: "2026-01", to: "2026-02" }],
    [
      "a range that starts before the charts: clipped",
      note(1, "2025-11-01", "2026-01-10"),
      { from: "2026-01", to: null },
    ],
    ["a range over all of them and more", note(1, "2025-01-01", "2027-01-01"), { from: "2026-01", to: "2026-03" }],
    ["a day before the charts: not drawn", note(1, "2025-12-31", null), null],
    ["a day after the charts: not drawn", note(1, "2026-04-01", null), null],
  ])("%s", (_name, n, expected) => {
    const mark = place(n);
    expect(mark === null ? null : { from: mark.from, to: mark.to }).toEqual(expected);
  });

  it("a day in a gap between weekly periods goes to the next period", () => {
    const weeks = [
      { period: "2026-W01", start: "2026-01-01", end: "2026-01-04" },
      { period: "2026-W03", start: "2026-01-12", end: "2026-01-18" },
    ];
    expect(place(note(1, "2026-01-07", null), weeks)?.from).toBe("2026-W03");
  });

  it("periods without dates take no marks", () => {
    expect(place(note(1, "2026-02-14", null), [{ period: "P1", start: null, end: null }])).toBeNull();
  });

  it("the title names the dates, the text, and a sub-team's name", () => {
    const mark = placeNotes(numberNotes([note(4, "2026-01-20", "2026-02-03", "growth")], eng), months)[0];
    expect(mark).toMatchObject({ number: 1, own: false, title: "1. 2026-01-20 to 2026-02-03: note 4 (team Growth)" });
  });
});

describe("noteOverlaps", () => {
  it.each([
    [note(1, "2026-01-31", null), true],
    [note(1, "2025-12-01", "2026-01-01"), true],
    [note(1, "2025-12-01", "2025-12-31"), false],
    [note(1, "2026-04-01", null), false],
  ])("%j → %s", (n, expected) => {
    expect(noteOverlaps(n, "2026-01-01", "2026-03-31")).toBe(expected);
  });
});
