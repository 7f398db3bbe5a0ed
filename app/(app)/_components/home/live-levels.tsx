"use client";

// A home card whose export was not ready for the page: it is waited for here (created or reused,
// polled, downloaded and read in the worker, as a view does) and the levels shown when it is.
import { useMemo } from "react";
import type { EarlyAnswer, ViewScope } from "@/lib/browser";
import { useEarlyExport, useExport } from "@/components/view/use-export";
import { homeExportBody, homeLevels, type HomeMonths } from "./home-levels";
import { LevelsTable } from "./levels-table";

const STAGE = {
  CREATING: "Preparing the figures",
  QUEUED: "Preparing the figures (queued)",
  PROCESSING: "Preparing the figures",
  PARSING: "Reading the figures",
  COMPLETED: "Reading the figures",
  FAILED: "The figures could not be prepared",
} as const;

export function LiveLevels({
  scope,
  title,
  months,
  early,
}: {
  scope: ViewScope;
  title: string;
  months: HomeMonths;
  early?: Promise<EarlyAnswer | null>;
}) {
  const body = useMemo(() => homeExportBody(scope, months), [scope, months]);
  const current = useExport(body, { early: useEarlyExport(early) });
  const model = current.parsed.data;
  const levels = useMemo(() => (model ? homeLevels(model, scope, months) : null), [model, scope, months]);
  if (levels) return <LevelsTable title={title} levels={levels} months={months} />;
  const failed = current.stage === "FAILED" || current.problem;
  return (
    <p role="status" className={`text-sm ${failed ? "text-red-700 dark:text-red-400" : ""}`}>
      {STAGE[current.stage]}
      {failed ? `: ${current.status.data?.error?.message ?? current.problem?.message ?? "unknown error"}` : "…"}
    </p>
  );
}
