// The document the chart worker draws its snapshots in: a happy-dom window installed as the thread's
// globals, because react-dom and recharts look for `window` and `document` there.
import { Window } from "happy-dom";

/** The DOM names react-dom and recharts read from the global scope. */
const GLOBALS = [
  "window",
  "document",
  "navigator",
  "Node",
  "Element",
  "HTMLElement",
  "SVGElement",
  "HTMLIFrameElement",
  "getComputedStyle",
  "requestAnimationFrame",
  "cancelAnimationFrame",
  "MutationObserver",
  "ResizeObserver",
] as const;

const MEASUREMENT_SPAN_ID = "recharts_measurement_span";

let installed: Window | undefined;

/** Installs the window once per thread; must run before react-dom or recharts is first loaded. */
export function installDom(): Window {
  if (installed) return installed;
  const win = new Window({
    width: 1280,
    height: 800,
    url: "http://localhost/",
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableComputedStyleRendering: true,
      disableIframePageLoading: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  installMeasurement(win);
  installPresentationFontSize(win);
  const source = win as unknown as Record<string, unknown>;
  for (const name of GLOBALS) {
    const value = source[name];
    // Functions such as getComputedStyle need their window; classes (Node…) stay as they are.
    const global = typeof value === "function" && /^[a-z]/.test(name) ? value.bind(win) : value;
    // Node 21+ defines `navigator` as a getter, so the names are redefined rather than assigned.
    Object.defineProperty(globalThis, name, { value: global, configurable: true, writable: true });
  }
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: false });
  installed = win;
  return win;
}

/**
 * happy-dom lays nothing out, so every text would measure 0 × 0 and recharts would keep every axis
 * tick, even those the browser hides as overlapping. recharts measures through one span of a known
 * id: that span answers with an estimate from the font size, close enough to hide the same ticks.
 */
function installMeasurement(win: Window) {
  const span = win.document.createElement("span");
  span.setAttribute("id", MEASUREMENT_SPAN_ID);
  span.setAttribute("aria-hidden", "true");
  span.getBoundingClientRect = () => {
    const fontSize = Number.parseFloat(span.style.fontSize) || 16;
    const width = textWidth(span.textContent ?? "", fontSize);
    return win.DOMRect.fromRect({ x: 0, y: 0, width, height: Math.round(fontSize * 1.17) });
  };
  win.document.body.appendChild(span);
}

/**
 * recharts measures a tick at the font size it reads back from the drawn tick's computed style,
 * where a browser has the tick's `font-size` attribute; happy-dom leaves SVG presentation
 * attributes out of computed styles, so an element that has one is answered with it.
 */
function installPresentationFontSize(win: Window) {
  const computed = win.getComputedStyle.bind(win);
  win.getComputedStyle = (element) => {
    const size = element.getAttribute("font-size");
    if (size === null || !/^\d+(\.\d+)?$/.test(size)) return computed(element);
    const probe = win.document.createElement("span");
    probe.style.fontSize = `${size}px`;
    return probe.style;
  };
}

const NARROW = new Set("iljI.,:;'|! ");
const SEMI = new Set("ftr-()[]/");
const WIDE = new Set("mMW%@");

/**
 * Width in pixels of a text in the charts' font. The advance widths (in em) are DejaVu Sans's,
 * the widest of the usual system-ui fonts (and Linux Chromium's): where a browser's font is
 * narrower, the live chart may show a label more than its snapshot did, but a snapshot's labels never
 * overlap.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.3;
    else if (SEMI.has(ch)) em += 0.38;
    else if (WIDE.has(ch)) em += 0.95;
    else if (ch >= "0" && ch <= "9") em += 0.636;
    else if (ch >= "A" && ch <= "Z") em += 0.7;
    else em += 0.6;
  }
  return em * fontSize;
}
