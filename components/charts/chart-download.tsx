"use client";

// A chart's pictures: its plot as the page shows it, serialised to SVG under a title block, or
// drawn from that SVG onto a canvas for a PNG. All in the browser, from what is on screen.
import { useState } from "react";
import { useChartSubject } from "./chart-subject";
import { composePicture, pictureFileName, PICTURE_INK, type ChartMarkup, type PictureKeyItem } from "./picture";

const BUTTON =
  "rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";
/** PNG pixels per SVG pixel: sharp on a slide or a high-density screen. */
const PNG_SCALE = 2;

/** The plot's SVG as a standalone document, without the pointer's hover marks. */
function plotMarkup(plot: HTMLElement): ChartMarkup | null {
  const svg =
    plot.querySelector<SVGSVGElement>(".plot-live svg.recharts-surface") ??
    plot.querySelector<SVGSVGElement>("svg.recharts-surface") ??
    plot.querySelector<SVGSVGElement>("svg");
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width || svg.width.baseVal.value);
  const height = Math.round(box.height || svg.height.baseVal.value);
  if (!width || !height) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  if (!clone.hasAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.removeAttribute("class");
  clone.setAttribute("style", `color:${PICTURE_INK};overflow:visible`);
  clone.querySelectorAll(".recharts-tooltip-cursor, .recharts-active-dot").forEach((el) => el.remove());
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function toPng(picture: ChartMarkup): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([picture.markup], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = picture.width * PNG_SCALE;
    canvas.height = picture.height * PNG_SCALE;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot draw the picture.");
    ctx.scale(PNG_SCALE, PNG_SCALE);
    ctx.drawImage(img, 0, 0, picture.width, picture.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("The picture could not be made."))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ChartDownloads({
  title,
  plot,
  keyItems,
}: {
  title: string;
  plot: React.RefObject<HTMLElement | null>;
  keyItems: PictureKeyItem[];
}) {
  const subject = useChartSubject();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const picture = (): ChartMarkup | null => {
    const chart = plot.current ? plotMarkup(plot.current) : null;
    if (!chart) {
      setProblem("The chart is not drawn yet.");
      return null;
    }
    const lines = subject
      ? [`${subject.subject} · ${subject.range}`, ...(subject.details ? [subject.details] : [])]
      : [];
    return composePicture(chart, { title, lines, key: keyItems });
  };
  const name = (ext: "svg" | "png") =>
    pictureFileName(subject ? [subject.subject, title, subject.range.replace(" to ", " ")] : [title], ext);

  const download = async (ext: "svg" | "png") => {
    setProblem(null);
    const p = picture();
    if (!p) return;
    if (ext === "svg") return save(new Blob([p.markup], { type: "image/svg+xml" }), name("svg"));
    setBusy(true);
    try {
      save(await toPng(p), name("png"));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "The picture could not be made.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={BUTTON}
        aria-label={`Download ${title} as SVG`}
        onClick={() => void download("svg")}
      >
        SVG
      </button>
      <button
        type="button"
        className={BUTTON}
        aria-label={`Download ${title} as PNG`}
        disabled={busy}
        onClick={() => void download("png")}
      >
        PNG
      </button>
      {problem && (
        <span role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
          {problem}
        </span>
      )}
    </>
  );
}
