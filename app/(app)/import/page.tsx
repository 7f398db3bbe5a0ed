import type { Metadata } from "next";
import { ImportView } from "./_components/import-view";

export const metadata: Metadata = { title: "Open a CSV" };

export default function Page() {
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold">
          Open a CSV
        </h1>
        <p className="text-slate-700 dark:text-slate-300">
          Chart an efficiency export saved earlier, from Harness SEI or from Fourfold. The file is read in your browser
          and is not sent anywhere.
        </p>
      </div>
      <ImportView />
    </section>
  );
}
