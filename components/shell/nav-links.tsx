"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// No prefetch: every page is rendered per request, and prefetching all of them on every page load
// only competes with the page's own requests.
const LINKS = [
  { href: "/teams", label: "Teams" },
  { href: "/exports", label: "Exports" },
  { href: "/reports", label: "Report" },
  { href: "/import", label: "Open CSV" },
] as const;
/** Admins also see where the engine's records come from. */
const ADMIN_LINKS = [{ href: "/sources", label: "Sources" }] as const;

export function NavLinks({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
      <ul className="flex flex-wrap gap-1 text-sm">
        {[...LINKS, ...(admin ? ADMIN_LINKS : [])].map(({ href, label }) => {
          const current =
            pathname === href ||
            pathname.startsWith(`${href}/`) ||
            (href === "/teams" && pathname.startsWith("/org-trees"));
          return (
            <li key={href}>
              <Link
                href={href}
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className="block rounded-md px-3 py-1.5 whitespace-nowrap text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-100 dark:aria-[current=page]:text-slate-900"
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
