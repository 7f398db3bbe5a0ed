// The security headers of the engine's API (/v2/), which the proxy (proxy.ts) does not see: its
// answers are JSON and CSV only, so a policy that allows nothing.
const ENGINE_HEADERS = [
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build beside the main one (benchmarks) can go elsewhere.
  distDir: process.env.FOURFOLD_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  serverExternalPackages: ["better-sqlite3"],
  typedRoutes: false,
  async headers() {
    return [
      { source: "/v2/:path*", headers: ENGINE_HEADERS },
      {
        source: "/v2/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
