// One team's rows as display text for every column of the file, unknown ones included.
import type { ColumnInfo } from "./columns";
import { formatCell, NO_DATA } from "./format";
import type { ParsedExport, PeriodRow, TeamExport, TeamRows } from "./model";

export interface TextTable {
  columns: { name: string; numeric: boolean; unknown: boolean }[];
  rows: { key: string; cells: string[] }[];
}

export function teamTable(model: Pick<ParsedExport, "columns">, team: TeamExport, data: TeamRows): TextTable {
  const rows = data.total ? [...data.periods, data.total] : data.periods;
  return {
    columns: model.columns.map((c) => ({ name: c.name, numeric: c.role === "metric", unknown: c.role === "unknown" })),
    rows: rows.map((r) => ({ key: String(r.line), cells: model.columns.map((c) => cellText(c, r, team)) })),
  };
}

function cellText(c: ColumnInfo, row: PeriodRow, team: TeamExport): string {
  switch (c.role) {
    case "metric":
      return formatCell(c.kind, row.values[c.name] ?? null);
    case "rating":
      return row.ratings[c.name] ?? NO_DATA;
    case "unknown":
      return row.extra[c.name] ?? NO_DATA;
    case "hierarchy":
      return hierarchyText(c.hierarchy, row, team) ?? NO_DATA;
  }
}

function hierarchyText(
  h: Extract<ColumnInfo, { role: "hierarchy" }>["hierarchy"],
  row: PeriodRow,
  team: TeamExport,
): string | null {
  switch (h) {
    case "Team_Id":
      return team.id || null;
    case "Team_Ref_Id":
      return team.refId === null ? null : String(team.refId);
    case "Team_Name":
      return team.name;
    case "Parent_Team_Id":
      return team.parentId;
    case "Team_Hierarchy":
      return team.hierarchy.join(" / ");
    case "Org_Tree":
      return team.orgTree;
    case "Period":
      return row.period;
    case "Start_Date":
      return row.start;
    case "End_Date":
      return row.end;
  }
}
