import type { Metadata } from "next";
import { ExportsList } from "./_components/exports-list";

export const metadata: Metadata = { title: "Exports" };

export default function Page() {
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold">
          Exports
        </h1>
        <p className="text-slate-700 dark:text-slate-300">
          The exports made through this dashboard for the teams and org trees you may see, newest first.
        </p>
      </div>
      <ExportsList />
    </section>
  );
}
