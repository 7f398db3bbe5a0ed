"use client";

import { signOut } from "@/lib/browser/api/sign-out";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut("/signin")}
      className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
