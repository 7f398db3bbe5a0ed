"use client";

import { useEffect, useState } from "react";

/**
 * Counts from 0 up to `total`, one step per painted frame, starting again when `key` changes: a
 * page shows its heavy parts one by one, each in a task of its own, instead of in one long task.
 */
export function useStaged(total: number, key: unknown): number {
  const [state, setState] = useState({ key, n: 0 });
  const current = state.key === key ? state : { key, n: 0 };
  if (current !== state) setState(current);

  useEffect(() => {
    if (current.n >= total) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the next frame is painted, not merely after this commit.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setState((s) => (s.key === key ? { key, n: s.n + 1 } : s)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [current.n, total, key]);

  return current.n;
}
