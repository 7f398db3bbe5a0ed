"use client";

import { useState } from "react";
import { signOut } from "@/lib/browser";

/** Sign out of this browser, or, from the account menu, of every device this account is signed in on. */
export function SignOutButton({ email }: { email: string }) {
  const [pending, setPending] = useState(false);
  const run = (everywhere: boolean) => {
    setPending(true);
    void signOut({ everywhere });
  };
  return (
    <div className="flex items-center gap-2">
      <details className="relative">
        <summary
          className="max-w-48 cursor-pointer truncate text-slate-700 dark:text-slate-300"
          title={email}
          aria-label={`Account: ${email}`}
        >
          {email}
        </summary>
        <div className="absolute left-0 z-20 mt-2 w-60 rounded-md border border-slate-200 bg-white p-2 shadow-lg sm:right-0 sm:left-auto dark:border-slate-700 dark:bg-slate-900">
          <button
            type="button"
            disabled={pending}
            onClick={() => run(true)}
            className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800"
          >
            Sign out of every device
          </button>
        </div>
      </details>
      <button
        type="button"
        disabled={pending}
        onClick={() => run(false)}
        className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </div>
  );
}
