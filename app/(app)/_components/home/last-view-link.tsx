"use client";

// The view last opened in this browser (kept by the views themselves, lib/browser/last-view), one
// click away. Read after hydration: the server cannot know it.
import Link from "next/link";
import { useEffect, useState } from "react";
import { lastView, RANGE_LABELS } from "@/lib/browser";

/** What to call a remembered view: its kind, its name, and its range. */
export function describeView(href: string, names: Record<string, string>): string | null {
  const url = new URL(href, "http://x");
  const m = /^\/(teams|org-trees)\/([^/]+)$/.exec(url.pathname);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[2]!);
  } catch {
    return null;
  }
  const what = m[1] === "teams" ? `Team ${names[id] ?? id}` : `Org tree ${id}`;
  const range = url.searchParams.get("range");
  const start = url.searchParams.get("start");
  const end = url.searchParams.get("end");
  const when =
    range && range !== "custom" && range in RANGE_LABELS
      ? RANGE_LABELS[range as keyof typeof RANGE_LABELS].toLowerCase()
      : start && end
        ? `${start} to ${end}`
        : null;
  return when ? `${what}, ${when}` : what;
}

export function LastViewLink({ names }: { names: Record<string, string> }) {
  const [last, setLast] = useState<{ href: string; label: string } | null>(null);
  useEffect(() => {
    const href = lastView();
    const label = href ? describeView(href, names) : null;
    // Read once after hydration: localStorage is the browser's alone.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (href && label) setLast({ href, label });
  }, [names]);
  return (
    <p className="min-h-6 text-sm">
      {last && (
        <>
          Continue where you left off:{" "}
          <Link className="font-medium underline underline-offset-2" href={last.href} prefetch={false}>
            {last.label}
          </Link>
        </>
      )}
    </p>
  );
}
