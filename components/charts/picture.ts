// A chart as a picture for a slide or a document: the plot's SVG under a title block (the chart's
// title, the team, the range, the view's settings) and its key, on white, in the light theme's ink
// whatever the screen's theme. Pure string work, so that it is tested without a browser.

/** The ink of every text and `currentColor` line in a picture (slate-800). */
export const PICTURE_INK = "#1e293b";
const MUTED = "#475569";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const PAD = 16;

export interface PictureKeyItem {
  label: string;
  colour: string;
}

export interface PictureText {
  title: string;
  /** Lines under the title, e.g. the team and range, then the settings. */
  lines: string[];
  key: PictureKeyItem[];
}

export interface ChartMarkup {
  /** A standalone `<svg>` element (with width, height and viewBox). */
  markup: string;
  width: number;
  height: number;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** A rough width of a 12 px label, enough to lay the key out in rows. */
const labelWidth = (s: string) => 14 + s.length * 6.6;

function keyRows(items: readonly PictureKeyItem[], width: number): PictureKeyItem[][] {
  const rows: PictureKeyItem[][] = [];
  let x = Infinity;
  for (const item of items) {
    const w = labelWidth(item.label) + 16;
    if (x + w > width) {
      rows.push([]);
      x = 0;
    }
    rows.at(-1)!.push(item);
    x += w;
  }
  return rows;
}

/** The picture: the chart's SVG placed under its title block, as one SVG document. */
export function composePicture(chart: ChartMarkup, text: PictureText): ChartMarkup {
  const width = Math.round(Math.max(chart.width, 320) + 2 * PAD);
  const parts: string[] = [];
  let y = PAD + 18;
  parts.push(
    `<text x="${PAD}" y="${y}" font-size="18" font-weight="600" fill="${PICTURE_INK}">${escapeXml(text.title)}</text>`,
  );
  for (const line of text.lines) {
    y += 20;
    parts.push(`<text x="${PAD}" y="${y}" font-size="13" fill="${MUTED}">${escapeXml(line)}</text>`);
  }
  for (const row of keyRows(text.key, width - 2 * PAD)) {
    y += 20;
    let x = PAD;
    for (const item of row) {
      parts.push(
        `<rect x="${x}" y="${y - 10}" width="10" height="10" rx="2" fill="${escapeXml(item.colour)}" fill-opacity="0.6"/>`,
        `<text x="${x + 14}" y="${y}" font-size="12" fill="${MUTED}">${escapeXml(item.label)}</text>`,
      );
      x += labelWidth(item.label) + 16;
    }
  }
  const top = y + 14;
  const height = Math.round(top + chart.height + PAD);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(FONT)}" style="color:${PICTURE_INK}">` +
    `<title>${escapeXml([text.title, ...text.lines].join(" – "))}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join("") +
    `<g transform="translate(${PAD} ${top})" color="${PICTURE_INK}">${chart.markup}</g>` +
    `</svg>`;
  return { markup: svg, width, height };
}

/** A file name from its parts: lower case, words joined by hyphens, nothing a file system minds. */
export function pictureFileName(parts: readonly string[], extension: "svg" | "png"): string {
  const stem = parts
    .join(" ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);
  return `${stem || "chart"}.${extension}`;
}
