// A view's place in its hierarchy, each step saying what it is: an org tree and its root team often
// share a name ("Engineering"), so a bare list of names reads as a stutter.
import Link from "next/link";

export interface Crumb {
  id: string;
  kind: "orgTree" | "team";
  name: string;
  href: string | null;
}

const KIND = { orgTree: "Org tree", team: "Team" } as const;

function Label({ crumb, link }: { crumb: Crumb; link: boolean }) {
  return (
    <>
      <span className="rounded bg-slate-200 px-1 py-px text-[0.7rem] font-semibold tracking-wide text-slate-800 uppercase dark:bg-slate-800 dark:text-slate-200">
        {KIND[crumb.kind]}
      </span>{" "}
      <span className={link ? "underline underline-offset-2" : undefined}>{crumb.name}</span>
    </>
  );
}

export function Breadcrumbs({ crumbs, search }: { crumbs: Crumb[]; search: string }) {
  return (
    <nav aria-label="Breadcrumbs">
      <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-700 dark:text-slate-300">
        {crumbs.map((c, i) => (
          <li key={c.id} className="flex items-center gap-1">
            {i > 0 && (
              <span aria-hidden="true" className="px-0.5 text-slate-500">
                ›
              </span>
            )}
            {c.href && i < crumbs.length - 1 ? (
              <Link href={`${c.href}?${search}`} prefetch={false}>
                <Label crumb={c} link />
              </Link>
            ) : (
              <span aria-current={i === crumbs.length - 1 ? "page" : undefined}>
                <Label crumb={c} link={false} />
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
