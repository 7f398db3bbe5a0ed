// A strict SVG serializer for the snapshots the server ships in its HTML. The tree is not trusted
// (period labels come from CSV files), so only drawing elements and their presentation attributes
// pass, every id gets the caller's prefix, and no reference leaves the snapshot.

const SVG_NS = "http://www.w3.org/2000/svg";
const TEXT_POSITION = ["x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"];
/** The elements that pass, each with its own geometry attributes. */
const ELEMENTS = new Map<string, ReadonlySet<string>>(
  Object.entries({
    svg: ["x", "y", "width", "height", "viewBox", "preserveAspectRatio"],
    g: [],
    defs: [],
    clipPath: ["clipPathUnits"],
    title: [],
    desc: [],
    path: ["d"],
    rect: ["x", "y", "width", "height", "rx", "ry"],
    line: ["x1", "y1", "x2", "y2"],
    polyline: ["points"],
    polygon: ["points"],
    circle: ["cx", "cy", "r"],
    text: TEXT_POSITION,
    tspan: TEXT_POSITION,
  }).map(([name, geometry]) => [name, new Set(geometry)]),
);
/**
 * How any element may look. Attributes recharts spreads that SVG ignores (a bar's `name`, a line's
 * `width`), its class names and anything able to act (`on*`, links, `tabindex`) are not on it.
 */
const PRESENTATION = new Set(
  [
    "id clip-path clip-rule fill fill-opacity fill-rule stroke stroke-width stroke-opacity",
    "stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit opacity",
    "transform style visibility display font-size font-family font-weight font-style text-anchor",
    "dominant-baseline alignment-baseline letter-spacing shape-rendering vector-effect paint-order",
  ]
    .join(" ")
    .split(" "),
);
const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const DROPPED_ATTRIBUTE = /^on|href/i;
/** recharts writes coordinates to 15 digits; hundredths of a pixel are more than a screen shows. */
const LONG_DECIMAL = /-?\d+\.\d{3,}/g;
const ID_PREFIX = /^[A-Za-z][-\w]*$/;
const LOCAL_URL = /url\(\s*(["']?)#([^\s"'()\\]+)\1\s*\)/g;
const VIEW_BOX = /^\s*-?[\d.]+(?:[\s,]+-?[\d.]+){3}\s*$/;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The markup of an `<svg>` tree: its drawing elements (others dropped with their subtree), safe
 * attributes with ids prefixed and `url(#id)` references rewritten to match, and text escaped. The
 * root keeps its viewBox but no size (CSS sizes it) and is hidden from assistive technology.
 */
export function serializeSvg(svg: Element, idPrefix: string): string {
  if (!ID_PREFIX.test(idPrefix)) throw new RangeError(`invalid id prefix: ${idPrefix}`);
  if (!isAllowed(svg) || svg.localName !== "svg") throw new TypeError("not an <svg> element");
  const out = [`<svg xmlns="${SVG_NS}"${viewBox(svg)} class="ff-snapshot" aria-hidden="true" focusable="false">`];
  for (const child of Array.from(svg.childNodes)) writeNode(child, idPrefix, out);
  out.push("</svg>");
  return out.join("");
}

function viewBox(svg: Element): string {
  const given = svg.getAttribute("viewBox");
  if (given !== null && VIEW_BOX.test(given)) return ` viewBox="${given.trim()}"`;
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  return width > 0 && height > 0 ? ` viewBox="0 0 ${width} ${height}"` : "";
}

function isAllowed(el: Element): boolean {
  return el.namespaceURI === SVG_NS && ELEMENTS.has(el.localName);
}

function writeNode(node: Node, idPrefix: string, out: string[]) {
  if (node.nodeType === TEXT_NODE) {
    out.push(escapeText(node.nodeValue ?? ""));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const el = node as Element;
  if (!isAllowed(el)) return;
  const name = el.localName;
  let attributes = "";
  for (const attr of Array.from(el.attributes)) {
    const value = attributeValue(name, attr.name, attr.value, idPrefix);
    if (value !== null) attributes += ` ${attr.name}="${escapeAttribute(value)}"`;
  }
  // recharts wraps each bar in groups of its own; a group that sets nothing is left out.
  const bare = name === "g" && attributes === "";
  if (!bare) out.push(`<${name}${attributes}>`);
  for (const child of Array.from(el.childNodes)) writeNode(child, idPrefix, out);
  if (!bare) out.push(`</${name}>`);
}

/** The value to write, or null to drop the attribute. */
function attributeValue(element: string, name: string, value: string, idPrefix: string): string | null {
  if (!ATTRIBUTE_NAME.test(name) || DROPPED_ATTRIBUTE.test(name)) return null;
  let written: string;
  if (ELEMENTS.get(element)?.has(name))
    written = value.replace(LONG_DECIMAL, (n) => String(Math.round(Number(n) * 100) / 100));
  else if (name === "id") return idPrefix + value;
  else if (PRESENTATION.has(name))
    written = value.replace(LOCAL_URL, (_, _quote: string, id: string) => `url(#${idPrefix}${id})`);
  else return null;
  // Any other url(), or a CSS escape that could spell one, would reach outside the snapshot.
  if (/url\s*\(|\\|expression\s*\(|@import/i.test(written.replace(LOCAL_URL, ""))) return null;
  return written;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}
