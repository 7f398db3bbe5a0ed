"use client";

// A box that scrolls sideways on its own when what it holds is wider than the screen, so the page
// never does. It says so: a shadow at each edge that has more behind it, and, while it overflows,
// it is a named region in the tab order, so a keyboard user can focus it and scroll with the arrow
// keys. It is the containing block of what it holds (`relative`): a visually hidden label inside a
// cell is positioned absolutely, and would otherwise widen the page from beyond the box's edge.
import { useCallback, useLayoutEffect, useRef, useState } from "react";

export interface ScrollBoxProps {
  /** The region's name, e.g. "Sub-teams table". Ignored when `labelledBy` is given. */
  label?: string;
  /** The id of the element that names the region (a table's caption, a heading). */
  labelledBy?: string;
  /** Classes of the scrolling box (border, background, max height). */
  className?: string;
  style?: React.CSSProperties;
  onScroll?: (e: React.UIEvent<HTMLDivElement>) => void;
  children: React.ReactNode;
}

type Edges = { left: boolean; right: boolean; overflows: boolean };

interface Box {
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Which sides of a box have content scrolled out of view sideways, and whether it scrolls at all
 * (either way); 1 px of rounding tolerated.
 */
export function scrollEdges(box: Box): Edges {
  const max = box.scrollWidth - box.clientWidth;
  return {
    left: box.scrollLeft > 1,
    right: box.scrollLeft < max - 1,
    overflows: max > 1 || box.scrollHeight - box.clientHeight > 1,
  };
}

export function ScrollBox({ label, labelledBy, className = "", style, onScroll, children }: ScrollBoxProps) {
  const box = useRef<HTMLDivElement>(null);
  // Before measuring (on the server), assume it may overflow: focusable, no shadow.
  const [edges, setEdges] = useState<Edges>({ left: false, right: false, overflows: true });
  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const next = scrollEdges(el);
    setEdges((e) => (e.left === next.left && e.right === next.right && e.overflows === next.overflows ? e : next));
  }, []);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    measure();
    const seen = new ResizeObserver(measure);
    seen.observe(el);
    if (el.firstElementChild) seen.observe(el.firstElementChild);
    return () => seen.disconnect();
  }, [measure]);

  return (
    <div className="relative">
      <div
        ref={box}
        role="region"
        aria-label={labelledBy ? undefined : label}
        aria-labelledby={labelledBy}
        tabIndex={edges.overflows ? 0 : undefined}
        onScroll={(e) => {
          measure();
          onScroll?.(e);
        }}
        className={`relative overflow-auto ${className}`}
        style={style}
      >
        {children}
      </div>
      <span
        aria-hidden="true"
        data-edge="left"
        className={`scroll-cue pointer-events-none absolute inset-y-0 left-0 w-4 rounded-l-[inherit] bg-linear-to-r from-slate-900/25 to-transparent transition-opacity dark:from-black/70 ${edges.left ? "opacity-100" : "opacity-0"}`}
      />
      <span
        aria-hidden="true"
        data-edge="right"
        className={`scroll-cue pointer-events-none absolute inset-y-0 right-0 w-4 bg-linear-to-l from-slate-900/25 to-transparent transition-opacity dark:from-black/70 ${edges.right ? "opacity-100" : "opacity-0"}`}
      />
    </div>
  );
}
