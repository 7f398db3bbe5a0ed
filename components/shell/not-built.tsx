export function NotBuilt({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section aria-labelledby="page-title" className="space-y-2">
      <h1 id="page-title" className="text-2xl font-semibold">
        {title}
      </h1>
      <p className="text-slate-700 dark:text-slate-300">This page is not built yet.</p>
      {children}
    </section>
  );
}
