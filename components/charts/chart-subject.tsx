"use client";

// What the charts below are about (the team, the range, the view's settings), for the pictures a
// chart downloads: a view says it once around its charts.
import { createContext, useContext } from "react";

export interface ChartSubject {
  /** The team or org tree, e.g. "Payments". */
  subject: string;
  /** e.g. "2026-01-01 to 2026-06-30". */
  range: string;
  /** The settings, e.g. "Monthly · median · SEI industry benchmarks". */
  details?: string;
}

const SubjectContext = createContext<ChartSubject | null>(null);

export function ChartSubjectProvider({ value, children }: { value: ChartSubject; children: React.ReactNode }) {
  return <SubjectContext.Provider value={value}>{children}</SubjectContext.Provider>;
}

export function useChartSubject(): ChartSubject | null {
  return useContext(SubjectContext);
}
