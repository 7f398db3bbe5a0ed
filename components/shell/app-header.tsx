import Link from "next/link";
import type { PublicConfig } from "@/lib/contract";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({
  email,
  connection,
  admin = false,
}: {
  email: string;
  connection: PublicConfig;
  admin?: boolean;
}) {
  const label = connection.mode === "embedded" ? "Embedded engine" : `Harness · ${connection.host}`;
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" prefetch={false} className="text-lg font-semibold tracking-tight">
          Fourfold
        </Link>
        <NavLinks admin={admin} />
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          <span
            className="rounded-full border border-slate-300 px-2 py-0.5 text-slate-700 dark:border-slate-700 dark:text-slate-300"
            title="Where the figures come from"
          >
            <span className="sr-only">Connection: </span>
            {label}
          </span>
          <SignOutButton email={email} />
        </div>
      </div>
    </header>
  );
}
