import type { Config } from "tailwindcss";

// Loaded by app/globals.css through `@config`. Rating colours are shared by badges and chart bands.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/browser/**/*.{ts,tsx}"],
  darkMode: "media",
  theme: {
    extend: {
      colors: {
        elite: { DEFAULT: "#15803d", soft: "#dcfce7" },
        high: { DEFAULT: "#1d4ed8", soft: "#dbeafe" },
        medium: { DEFAULT: "#a16207", soft: "#fef9c3" },
        low: { DEFAULT: "#b91c1c", soft: "#fee2e2" },
      },
      fontFamily: { sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
    },
  },
} satisfies Config;
