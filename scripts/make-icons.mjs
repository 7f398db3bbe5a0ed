// node scripts/make-icons.mjs – draws public/favicon.svg into the PNG app icons and favicon.ico.
// Run by hand when the SVG changes; the pictures are committed. sharp comes with Next.js (an
// optional dependency it uses for images), so nothing is added to package.json for it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const svg = fs.readFileSync(path.join(root, "public/favicon.svg"));

const png = (size, opts = {}) => {
  // A maskable icon keeps its drawing inside the middle 80 %: launchers cut the rest to their shape.
  const inner = opts.maskable ? Math.round(size * 0.8) : size;
  const picture = sharp(svg, { density: Math.ceil((72 * inner) / 64) * 2 }).resize(inner, inner);
  if (!opts.maskable) return picture.png({ compressionLevel: 9 }).toBuffer();
  return picture
    .png()
    .toBuffer()
    .then((drawn) =>
      sharp({ create: { width: size, height: size, channels: 4, background: "#0f172a" } })
        .composite([{ input: drawn, gravity: "centre" }])
        .png({ compressionLevel: 9 })
        .toBuffer(),
    );
};

/** An ICO file holding PNG images (allowed since Windows Vista, read by every browser). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const out = (name, data) => {
  fs.writeFileSync(path.join(root, "public", name), data);
  console.log(`public/${name}: ${data.length} bytes`);
};

out("icons/icon-192.png", await png(192));
out("icons/icon-512.png", await png(512));
out("icons/maskable-512.png", await png(512, { maskable: true }));
out("icons/apple-touch-icon.png", await png(180));
out("favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(size) })))));
