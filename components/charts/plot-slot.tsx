"use client";

// Where a chart card's recharts plot goes. The plot's code loads on demand; until it has drawn, the
// slot shows the chart's snapshot when the server drew one (the same recharts plot, as static SVG
// in the page's HTML), else a placeholder of the same height.
import { Suspense, useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { PlotLoading } from "./plot-loading";
import type { PlotSnapshot } from "./plot-props";
import { CHART_HEIGHT } from "./theme";

export function PlotSlot({ snapshot, children }: { snapshot?: PlotSnapshot; children: React.ReactNode }) {
  // The live plot is drawn in the browser only.
  const hydrated = useHydrated();
  const slot = useRef<HTMLDivElement>(null);
  const [liveDrawn, setLiveDrawn] = useState(false);
  const showSnapshot = snapshot !== undefined && !liveDrawn;

  // The snapshot goes once the live plot has drawn its SVG (CSS hides it in that same frame already,
  // see .plot-slot in globals.css): never a blank moment between the two.
  useEffect(() => {
    const el = slot.current;
    if (!showSnapshot || !hydrated || !el) return;
    const drawn = () => el.querySelector(":scope > .plot-live .recharts-surface") !== null;
    if (drawn()) return setLiveDrawn(true);
    const seen = new MutationObserver(() => drawn() && setLiveDrawn(true));
    seen.observe(el, { subtree: true, childList: true });
    return () => seen.disconnect();
  }, [showSnapshot, hydrated]);

  return (
    <div ref={slot} className="plot-slot relative" style={{ minHeight: CHART_HEIGHT }}>
      {/* The narrow snapshot on a phone-sized screen, the wide one elsewhere (each when drawn). */}
      {showSnapshot && snapshot.wide !== undefined && (
        <div
          className={`plot-snapshot absolute inset-0 ${snapshot.narrow !== undefined ? "max-sm:hidden" : ""}`}
          dangerouslySetInnerHTML={{ __html: snapshot.wide }}
        />
      )}
      {showSnapshot && snapshot.narrow !== undefined && (
        <div
          className={`plot-snapshot absolute inset-0 ${snapshot.wide !== undefined ? "hidden max-sm:block" : ""}`}
          dangerouslySetInnerHTML={{ __html: snapshot.narrow }}
        />
      )}
      {hydrated ? (
        <div className="plot-live">
          <Suspense fallback={snapshot === undefined ? <PlotLoading /> : null}>{children}</Suspense>
        </div>
      ) : (
        snapshot === undefined && <PlotLoading />
      )}
    </div>
  );
}
