// Draws a trend chart's snapshot inside the chart worker: the browser's own recharts plot,
// rendered by react-dom into a happy-dom document and taken as SVG markup.
import type { TeamSeries } from "@/lib/browser";
import { defaultBenchmarkSet, getBenchmarkSet } from "@/lib/dora";
import type { ChartKind } from "../plot-props";
import { installDom } from "./dom";
import { serializeSvg } from "./serialize";

const SURFACE = "svg.recharts-surface";
/**
 * recharts draws in passes: items and axes register through effects, ticks are measured once drawn.
 * flushSync runs them all; a pass left to a later task would show in the waits.
 */
const MAX_WAITS = 8;
const MIN_WIDTH = 120;
const MAX_WIDTH = 4000;

type Renderer = Awaited<ReturnType<typeof loadRenderer>>;
let renderer: Promise<Renderer> | undefined;

async function loadRenderer() {
  const win = installDom();
  // Loaded only now, after the globals: react-dom and recharts look for a DOM when they load.
  const [{ createRoot }, { flushSync }, { plotElement, Global }] = await Promise.all([
    import("react-dom/client"),
    import("react-dom"),
    import("./elements"),
  ]);
  // A bundle may still evaluate recharts before the globals exist; it must know it has a DOM.
  Global.isSsr = false;
  const container = win.document.createElement("div");
  win.document.body.appendChild(container);
  return { container: container as unknown as HTMLElement, createRoot, flushSync, plotElement };
}

/** Sets up the DOM and loads React and recharts, once per thread. */
export function prepare(): Promise<Renderer> {
  renderer ??= loadRenderer();
  return renderer;
}

/** The chart's snapshot as SVG markup; ids start with `idPrefix`. */
export async function drawSnapshot(
  kind: ChartKind,
  series: TeamSeries,
  benchmarkName: string,
  width: number,
  idPrefix = `ff-${kind}-`,
): Promise<string> {
  if (!(width >= MIN_WIDTH && width <= MAX_WIDTH)) throw new RangeError(`snapshot width out of range: ${width}`);
  const benchmark = getBenchmarkSet(benchmarkName) ?? defaultBenchmarkSet();
  const { container, createRoot, flushSync, plotElement } = await prepare();
  const root = createRoot(container);
  try {
    flushSync(() => root.render(plotElement(kind, series, benchmark, Math.round(width))));
    return serializeSvg(await settled(container), idPrefix);
  } finally {
    root.unmount();
  }
}

/** The surface once a macrotask has gone by without changing it. */
async function settled(container: HTMLElement): Promise<SVGSVGElement> {
  let last = signature(container);
  for (let i = 0; i < MAX_WAITS; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    const next = signature(container);
    if (next === last && next !== "") break;
    last = next;
  }
  const svg = container.querySelector<SVGSVGElement>(SURFACE);
  if (!svg) throw new Error("recharts drew no surface");
  return svg;
}

function signature(container: HTMLElement): string {
  const svg = container.querySelector(SURFACE);
  return svg ? `${svg.getElementsByTagName("*").length}` : "";
}
