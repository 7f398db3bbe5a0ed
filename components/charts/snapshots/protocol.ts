// The messages between the server and the chart worker.
import type { TeamSeries } from "@/lib/browser";
import type { ChartKind } from "../plot-props";

export interface SnapshotRequest {
  id: number;
  kind: ChartKind;
  series: TeamSeries;
  benchmark: string;
  width: number;
}

export type SnapshotReply = { id: number; svg: string } | { id: number; error: string };
