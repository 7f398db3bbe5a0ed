// Annotations on the dashboard's API: dated notes on a team or an org tree ("deploy freeze"), as
// the browser receives them, and the limits the server holds them to (the form shows the same).
import type { RegisteredScope } from "./views";

export const ANNOTATION_LIMITS = {
  /** Characters of a note, after trimming. */
  text: 280,
  /** The longest range, end − start in days: about ten years. */
  rangeDays: 3660,
  /** Notes one list answers with (the newest dates first). */
  list: 500,
} as const;

export interface AnnotationView {
  id: number;
  /** The team or org tree the note is on. */
  scope: RegisteredScope;
  /** That team's or org tree's name, for a note shown on an ancestor's view. */
  scopeName: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  /** The last day of a range, inclusive; null for a single day. */
  endDate: string | null;
  text: string;
  /** The author's email. */
  author: string;
  createdAt: string;
  updatedAt: string | null;
  /** Whether the asker may change or delete it: its author, or an admin. */
  mayEdit: boolean;
}

export interface AnnotationList {
  items: AnnotationView[];
}
