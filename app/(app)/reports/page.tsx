import type { Metadata } from "next";
import { ReportView } from "./_components/report-view";

export const metadata: Metadata = { title: "Report" };

export default function Page() {
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold">
          Report
        </h1>
        <p className="text-slate-700 dark:text-slate-300">
          The legacy efficiency report of one team, computed at once, with its CSV to download.
        </p>
      </div>
      <ReportView />
    </section>
  );
}
