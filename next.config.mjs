/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build beside the main one (benchmarks) can go elsewhere.
  distDir: process.env.FOURFOLD_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  serverExternalPackages: ["better-sqlite3"],
  typedRoutes: false,
};

export default nextConfig;
