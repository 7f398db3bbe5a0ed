"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { lastView } from "@/lib/browser";

/** `/` opens the user's last view, or the team picker. */
export function HomeRedirect() {
  const router = useRouter();
  useEffect(() => {
    router.replace(lastView() ?? "/teams");
  }, [router]);
  return <p role="status">Opening your last view…</p>;
}
