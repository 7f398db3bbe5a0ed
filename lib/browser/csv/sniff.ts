// What a file is, from its first bytes, before parsing it as CSV text.

export type Sniffed = "gzip" | "text" | { problem: string };

export function sniff(head: Uint8Array): Sniffed {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return {
      problem:
        "This is a ZIP archive or an Excel workbook, not a CSV file. Save it as CSV (comma-separated) and open that.",
    };
  }
  if (head.includes(0)) return { problem: "This file is not text, so it is not a CSV file." };
  return "text";
}
