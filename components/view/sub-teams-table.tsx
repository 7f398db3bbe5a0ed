"use client";

// The sub-teams of the team in view: sortable, with rating badges and a lead-time sparkline; a
// row's name opens that team's view with the same settings.
import Link from "next/link";
import { memo, useId, useMemo, useState } from "react";
import type { BenchmarkSet, Rating } from "@/lib/dora";
import { RatingBadge } from "@/components/rating-badge";
import { ScrollBox } from "@/components/scroll-box";
import {
  formatDuration,
  formatPercent,
  formatRate,
  teamRows,
  type ParsedExport,
  type TeamExport,
  toTeamSeries,
  summarise,
} from "@/lib/browser";
import { Sparkline } from "./sparkline";

type Key = "name" | "lttc" | "df" | "cfr" | "mttr" | "overall";
const RANK: Record<Rating, number> = { Elite: 4, High: 3, Medium: 2, Low: 1 };

export const SubTeamsTable = memo(function SubTeamsTable({
  model,
  parent,
  benchmark,
  search,
}: {
  model: ParsedExport;
  parent: TeamExport;
  benchmark: BenchmarkSet;
  search: string;
}) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: "name", dir: 1 });
  const captionId = useId();
  const rows = useMemo(
    () =>
      model.teams
        .filter((t) => t.parentId === parent.id)
        .map((team) => {
          const r = teamRows(model, team);
          const s = summarise(r, model, benchmark);
          return { team, s, spark: toTeamSeries(r, model.metricColumns).lttc.map((p) => p.LTTC) };
        }),
    [model, parent, benchmark],
  );
  const value = (row: (typeof rows)[number], key: Key): number | string => {
    if (key === "name") return row.team.name;
    if (key === "overall") return row.s.overall ? RANK[row.s.overall] : -1;
    const v = row.s[key.toUpperCase() as "LTTC" | "DF" | "CFR" | "MTTR"].value;
    return v ?? Number.NEGATIVE_INFINITY;
  };
  const sorted = [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
  });
  if (rows.length === 0) return null;
  const header = (key: Key, label: string) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
      className="px-2 py-2 text-left"
    >
      <button
        type="button"
        className="font-semibold"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );
  return (
    <section aria-labelledby="subteams-title" className="space-y-2">
      <h2 id="subteams-title" className="text-lg font-semibold">
        Sub-teams
      </h2>
      <ScrollBox
        labelledBy={captionId}
        className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <table className="w-full min-w-[44rem] text-sm">
          <caption id={captionId} className="sr-only">
            Direct sub-teams of {parent.name}, with their figures over the range
          </caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr>
              {header("name", "Team")}
              {header("lttc", "Lead time")}
              {header("df", "Deploys / day")}
              {header("cfr", "Failure rate")}
              {header("mttr", "Time to restore")}
              {header("overall", "Overall")}
              <th scope="col" className="px-2 py-2 text-left font-semibold">
                Lead time trend
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map(({ team, s, spark }) => (
              <tr key={team.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <th scope="row" className="px-2 py-2 text-left font-medium">
                  <Link
                    className="text-blue-700 underline dark:text-blue-300"
                    href={`/teams/${encodeURIComponent(team.id)}?${search}`}
                    prefetch={false}
                  >
                    {team.name}
                  </Link>
                </th>
                <td className="px-2 py-2">
                  {formatDuration(s.LTTC.value)}{" "}
                  <RatingBadge size="sm" rating={s.LTTC.rating} label="Lead time rating" />
                </td>
                <td className="px-2 py-2">
                  {formatRate(s.DF.value)}{" "}
                  <RatingBadge size="sm" rating={s.DF.rating} label="Deployment frequency rating" />
                </td>
                <td className="px-2 py-2">
                  {formatPercent(s.CFR.value)}{" "}
                  <RatingBadge size="sm" rating={s.CFR.rating} label="Change failure rate rating" />
                </td>
                <td className="px-2 py-2">
                  {formatDuration(s.MTTR.value)}{" "}
                  <RatingBadge size="sm" rating={s.MTTR.rating} label="Time to restore rating" />
                </td>
                <td className="px-2 py-2">
                  <RatingBadge size="sm" rating={s.overall} label="Overall rating" />
                </td>
                <td className="px-2 py-2">
                  <Sparkline values={spark} label={`Lead time of ${team.name} per period`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
});
