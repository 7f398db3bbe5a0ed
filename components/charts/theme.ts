// Colours and shared settings of the trend charts. Ratings use the same colours as the badges.
import type { Rating } from "@/lib/dora";

export const RATING_FILL: Record<Rating, string> = {
  Elite: "#15803d",
  High: "#1d4ed8",
  Medium: "#a16207",
  Low: "#b91c1c",
};

export const STAGE_COLOURS = {
  PLANNING: "#8b5cf6",
  CODING: "#0ea5e9",
  REVIEW: "#f59e0b",
  BUILD: "#14b8a6",
  DEPLOY: "#ec4899",
} as const;

export const SERIES_COLOUR = {
  df: "#0284c7",
  cfr: "#7c3aed",
  mttr: "#0891b2",
  fdrt: "#ea580c",
  rework: "#65a30d",
} as const;

export const CHART_HEIGHT = 240;

/** Dots only on short series; long ones would be a blur of dots. */
export const MAX_POINTS_WITH_DOTS = 30;

export const AXIS_TICK = { fill: "currentColor", fontSize: 12 } as const;
export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 } as const;

/** The levels chart's stack, bottom up: each level in its badge colour, then the teams without one. */
export const LEVEL_STACK = [
  { key: "Elite", label: "Elite", colour: RATING_FILL.Elite },
  { key: "High", label: "High", colour: RATING_FILL.High },
  { key: "Medium", label: "Medium", colour: RATING_FILL.Medium },
  { key: "Low", label: "Low", colour: RATING_FILL.Low },
  { key: "none", label: "No rating", colour: "#94a3b8" },
] as const;
