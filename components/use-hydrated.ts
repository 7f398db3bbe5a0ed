"use client";

import { useSyncExternalStore } from "react";

const noChange = () => () => {};

/**
 * False on the server and while the page hydrates, true once its script runs in the browser: for
 * what only works there (a live chart, a form that submits through script).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
}
