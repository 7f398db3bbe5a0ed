"use client";

// The notes a view marks on its charts, handed to every plot below it. Kept apart from the marks'
// drawing (marks.tsx), so that the view's first load does not bring recharts with it. A chart drawn
// without a provider (a server snapshot, the import page) has no marks.
import { createContext, useContext } from "react";
import type { NumberedNote } from "@/lib/browser";

const NONE: readonly NumberedNote[] = [];

export const ChartNotesContext = createContext<readonly NumberedNote[]>(NONE);

export const useChartNotes = () => useContext(ChartNotesContext);
