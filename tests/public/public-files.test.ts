// The files of public/ that browsers fetch without a session: the request proxy lets them through,
// and they are what they claim to be.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const run = (pathname: string, cookie?: string) =>
  proxy(new NextRequest(new URL(pathname, "http://localhost:3000"), { headers: cookie ? { cookie } : {} }));

describe("the request proxy and public/", () => {
  it.each([
    "/favicon.ico",
    "/favicon.svg",
    "/robots.txt",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/icons/apple-touch-icon.png",
  ])("%s passes without a session, with the security headers", (pathname) => {
    const res = run(pathname);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each(["/", "/teams", "/icons/../teams", "/robots.txt/x", "/icons/a/b.png", "/favicon.svgx"])(
    "%s without a session still goes to sign-in",
    (pathname) => {
      const res = run(pathname);
      expect(res.status).toBe(307);
      expect(new URL(res.headers.get("location")!).pathname).toBe("/signin");
    },
  );
});

describe("public/", () => {
  const file = (name: string) => fs.readFileSync(path.join(process.cwd(), "public", name));

  it("robots.txt keeps every crawler out of every page", () => {
    const lines = file("robots.txt").toString().split("\n");
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Disallow: /");
  });

  it("the manifest names the app and its icons, each of which exists at its stated size", () => {
    const manifest = JSON.parse(file("manifest.webmanifest").toString()) as {
      name: string;
      start_url: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest).toMatchObject({ name: "Fourfold", start_url: "/" });
    const pngs = manifest.icons.filter((i) => i.type === "image/png");
    expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) {
      const data = file(icon.src.slice(1));
      if (icon.type !== "image/png") continue;
      // PNG signature, then the IHDR chunk's width and height.
      expect(data.subarray(1, 4).toString()).toBe("PNG");
      const [w, h] = icon.sizes.split("x").map(Number);
      expect([data.readUInt32BE(16), data.readUInt32BE(20)]).toEqual([w, h]);
    }
  });

  it("favicon.ico holds PNG images of 16, 32 and 48 px", () => {
    const ico = file("favicon.ico");
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i));
    expect(sizes).toEqual([16, 32, 48]);
  });
});
