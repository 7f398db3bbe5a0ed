"use client";

// One export of a view, from the browser's side: created (or handed over by the server page) →
// polled until final → downloaded and parsed in a worker.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import type { ExportRequestInput } from "@/lib/dora";
import {
  type EarlyAnswer,
  ensureExportOptions,
  exportKeys,
  exportStatusOptions,
  parsedExportOptions,
} from "@/lib/browser";
import { waitingNote } from "./waiting-note";

export type ExportStage = "CREATING" | "QUEUED" | "PROCESSING" | "PARSING" | "COMPLETED" | "FAILED";

/** Hands over each early export of the server page once; later asks (a retry) go to the proxy. */
export function useEarlyExport(early: Promise<EarlyAnswer | null> | undefined) {
  const queryClient = useQueryClient();
  const used = useRef(new WeakSet<Promise<EarlyAnswer | null>>());
  return useCallback(async () => {
    if (!early || used.current.has(early)) return null;
    used.current.add(early);
    const found = await early;
    // A final status needs no first poll; a complete export's CSV is fetched and parsed at once,
    // without waiting for the view to render with its id first.
    const status = found && "status" in found ? found.status : null;
    if (status) queryClient.setQueryData(exportKeys.status(status.id), status);
    if (status?.status === "COMPLETED") void queryClient.prefetchQuery(parsedExportOptions(status.id, true));
    return found;
  }, [early, queryClient]);
}

export function useExport(
  body: ExportRequestInput,
  options: { enabled?: boolean; early?: () => Promise<EarlyAnswer | null> } = {},
) {
  const create = useQuery({ ...ensureExportOptions(body, options.early), enabled: options.enabled ?? true });
  const id = create.data?.export.id ?? "";
  const status = useQuery({ ...exportStatusOptions(id), enabled: id !== "" });
  // A reused export that is already complete is downloaded at once, alongside its first poll.
  const state = status.data?.id === id ? status.data.status : create.data?.status;
  const parsed = useQuery(parsedExportOptions(id, id !== "" && state === "COMPLETED"));
  const stage: ExportStage = create.isPending
    ? "CREATING"
    : state === "COMPLETED" && parsed.isPending
      ? "PARSING"
      : (state ?? "QUEUED");
  const problem = create.error ?? status.error ?? parsed.error;
  const note = waitingNote([create, status, parsed]);
  return { create, id, status, state, parsed, stage, problem, note };
}
