// A view's notes on a trend chart: a numbered line at a note's period, or a shaded area over the
// periods of a range. A sub-team's note is dashed; its number matches the list under the charts.
import { ReferenceArea, ReferenceLine } from "recharts";
import { placeNotes, type NumberedNote, type PeriodSpan, type PlacedMark } from "@/lib/browser";

type LabelProps = { viewBox?: { x?: number; y?: number; width?: number } };

/** `slot`: how many marks start at the same period before this one; their labels stack downwards. */
function markLabel(mark: PlacedMark, slot: number) {
  return function MarkLabel({ viewBox }: LabelProps) {
    const x = (viewBox?.x ?? 0) + (mark.to === null ? 0 : 9);
    const y = (viewBox?.y ?? 0) + 9 + slot * 18;
    return (
      <g className="annotation-mark-label">
        <title>{mark.title}</title>
        <circle cx={x} cy={y} r={8} fill="currentColor" />
        <text
          x={x}
          y={y}
          dy="0.35em"
          textAnchor="middle"
          fontSize={10}
          fontWeight={700}
          className="fill-white dark:fill-slate-900"
        >
          {mark.number}
        </text>
      </g>
    );
  };
}

/**
 * The recharts elements of the notes that fall on these periods; none without notes. The marks
 * come first and their numbers after them all, each on an invisible copy of its mark, so that no
 * note's line is drawn across another's number.
 */
export function noteMarks(notes: readonly NumberedNote[], periods: readonly PeriodSpan[]) {
  if (notes.length === 0) return [];
  const starts = new Map<string, number>();
  const placed = placeNotes(notes, periods).map((mark) => {
    const slot = starts.get(mark.from) ?? 0;
    starts.set(mark.from, slot + 1);
    return { mark, slot };
  });
  const marks = placed.map(({ mark }) => {
    const dash = mark.own ? undefined : "4 3";
    const className = `annotation-mark ${mark.own ? "annotation-mark-own" : "annotation-mark-sub-team"}`;
    return mark.to === null ? (
      <ReferenceLine
        key={`note-${mark.number}`}
        x={mark.from}
        className={className}
        stroke="currentColor"
        strokeWidth={1.5}
        strokeDasharray={dash}
        ifOverflow="visible"
      />
    ) : (
      <ReferenceArea
        key={`note-${mark.number}`}
        x1={mark.from}
        x2={mark.to}
        className={className}
        fill="currentColor"
        fillOpacity={0.08}
        stroke="currentColor"
        strokeOpacity={0.6}
        strokeDasharray={dash ?? "0"}
        ifOverflow="visible"
      />
    );
  });
  const labels = placed.map(({ mark, slot }) =>
    mark.to === null ? (
      <ReferenceLine
        key={`label-${mark.number}`}
        x={mark.from}
        stroke="none"
        ifOverflow="visible"
        label={markLabel(mark, slot)}
      />
    ) : (
      <ReferenceArea
        key={`label-${mark.number}`}
        x1={mark.from}
        x2={mark.to}
        fill="none"
        stroke="none"
        ifOverflow="visible"
        label={markLabel(mark, slot)}
      />
    ),
  );
  return [...marks, ...labels];
}
