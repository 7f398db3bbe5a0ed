"use client";

// Where a chart card's recharts plot goes. The plot's code loads on demand; until it has drawn, the
// slot shows the chart's first frame when the server drew one (the same recharts plot, as static SVG
// in the page's HTML), else a placeholder of the same height.
import { Suspense, useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { PlotLoading } from "./plot-loading";
import type { PlotFrame } from "./plot-props";
import { CHART_HEIGHT } from "./theme";

export function PlotSlot({ frame, children }: { frame?: PlotFrame; children: React.ReactNode }) {
  // The live plot is drawn in the browser only.
  const hydrated = useHydrated();
  const slot = useRef<HTMLDivElement>(null);
  const [liveDrawn, setLiveDrawn] = useState(false);
  const showFrame = frame !== undefined && !liveDrawn;

  // The frame goes once the live plot has drawn its SVG (CSS hides it in that same frame already,
  // see .plot-slot in globals.css): never a blank moment between the two.
  useEffect(() => {
    const el = slot.current;
    if (!showFrame || !hydrated || !el) return;
    const drawn = () => el.querySelector(":scope > .plot-live .recharts-surface") !== null;
    if (drawn()) return setLiveDrawn(true);
    const seen = new MutationObserver(() => drawn() && setLiveDrawn(true));
    seen.observe(el, { subtree: true, childList: true });
    return () => seen.disconnect();
  }, [showFrame, hydrated]);

  return (
    <div ref={slot} className="plot-slot relative" style={{ minHeight: CHART_HEIGHT }}>
      {/* The narrow frame on a phone-sized screen, the wide one elsewhere (each when drawn). */}
      {showFrame && frame.wide !== undefined && (
        <div
          className={`plot-frame absolute inset-0 ${frame.narrow !== undefined ? "max-sm:hidden" : ""}`}
          dangerouslySetInnerHTML={{ __html: frame.wide }}
        />
      )}
      {showFrame && frame.narrow !== undefined && (
        <div
          className={`plot-frame absolute inset-0 ${frame.wide !== undefined ? "hidden max-sm:block" : ""}`}
          dangerouslySetInnerHTML={{ __html: frame.narrow }}
        />
      )}
      {hydrated ? (
        <div className="plot-live">
          <Suspense fallback={frame === undefined ? <PlotLoading /> : null}>{children}</Suspense>
        </div>
      ) : (
        frame === undefined && <PlotLoading />
      )}
    </div>
  );
}
