// A rating as colour AND word, so it reads without colour too. Contrast holds in both themes.
import type { Rating } from "@/lib/dora";

const STYLE: Record<Rating, string> = {
  Elite: "bg-elite-soft text-elite ring-elite/40 dark:bg-elite dark:text-white",
  High: "bg-high-soft text-high ring-high/40 dark:bg-high dark:text-white",
  Medium: "bg-medium-soft text-medium ring-medium/40 dark:bg-medium dark:text-white",
  Low: "bg-low-soft text-low ring-low/40 dark:bg-low dark:text-white",
};

const NONE = "bg-slate-100 text-slate-700 ring-slate-400/40 dark:bg-slate-800 dark:text-slate-200";

export interface RatingBadgeProps {
  rating: Rating | null;
  /** Said before the word to screen readers, e.g. "Lead time rating". */
  label?: string;
  size?: "sm" | "md";
}

export function RatingBadge({ rating, label, size = "md" }: RatingBadgeProps) {
  const sizing = size === "sm" ? "px-1.5 py-0 text-xs" : "px-2 py-0.5 text-sm";
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full font-semibold whitespace-nowrap ring-1 ring-inset ${sizing} ${rating ? STYLE[rating] : NONE}`}
    >
      {label && <span className="sr-only">{label}: </span>}
      {rating ?? "No rating"}
    </span>
  );
}
