// Where a view's notes go on its charts: each note numbered (in date order, as the list under the
// charts shows them), and placed on the periods a chart draws. Pure.
import type { AnnotationView } from "@/lib/contract";
import type { ViewScope } from "./api/export-request";

export interface NumberedNote {
  note: AnnotationView;
  /** 1, 2, …: the note's mark on the charts and in the list. */
  number: number;
  /** On the view's own team or org tree; otherwise a sub-team's, named. */
  own: boolean;
}

export const isOwnNote = (note: AnnotationView, scope: ViewScope) =>
  note.scope.kind === scope.kind &&
  (note.scope.kind === "team"
    ? scope.kind === "team" && note.scope.teamId === scope.teamId
    : scope.kind === "orgTree" && note.scope.orgTreeName === scope.orgTreeName);

/** Oldest first (then by id), numbered from 1. */
export function numberNotes(notes: readonly AnnotationView[], scope: ViewScope): NumberedNote[] {
  return [...notes]
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id - b.id))
    .map((note, i) => ({ note, number: i + 1, own: isOwnNote(note, scope) }));
}

/** Whether a note overlaps the days [start, end] (dates `YYYY-MM-DD`, compared as text). */
export const noteOverlaps = (note: AnnotationView, start: string, end: string) =>
  note.startDate <= end && (note.endDate ?? note.startDate) >= start;

export interface PeriodSpan {
  period: string;
  start?: string | null;
  end?: string | null;
}

/** A note on a chart: a line at one period, or an area from one period to another. */
export interface PlacedMark {
  number: number;
  own: boolean;
  /** Shown when the mark is hovered: the number, the dates, the text and whose note it is. */
  title: string;
  from: string;
  /** The last period of a range over several periods; null for a line. */
  to: string | null;
}

const dates = (n: AnnotationView) => (n.endDate ? `${n.startDate} to ${n.endDate}` : n.startDate);

/**
 * The marks of the notes that fall on the charted periods (in time order, with their dates): a
 * note's days are clipped to them and it is drawn at the period holding its first day, as an area
 * when it reaches a later period. Periods without dates (a CSV without them) take no marks.
 */
export function placeNotes(notes: readonly NumberedNote[], periods: readonly PeriodSpan[]): PlacedMark[] {
  const dated = periods.filter((p): p is PeriodSpan & { start: string; end: string } => !!p.start && !!p.end);
  const first = dated[0];
  const last = dated[dated.length - 1];
  if (!first || !last) return [];
  const out: PlacedMark[] = [];
  for (const { note, number, own } of notes) {
    const start = note.startDate < first.start ? first.start : note.startDate;
    const endDay = note.endDate ?? note.startDate;
    const end = endDay > last.end ? last.end : endDay;
    if (start > end) continue;
    const from = dated.find((p) => p.end >= start);
    const to = [...dated].reverse().find((p) => p.start <= end);
    if (!from || !to) continue;
    const whose = own ? "" : ` (${note.scope.kind === "team" ? "team" : "org tree"} ${note.scopeName})`;
    out.push({
      number,
      own,
      title: `${number}. ${dates(note)}: ${note.text}${whose}`,
      from: from.period,
      to: to.period === from.period ? null : to.period,
    });
  }
  return out;
}
