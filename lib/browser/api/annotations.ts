// A view's notes (annotations): listed, written, changed and deleted through /api/annotations.
// Query keys come from here only.
import { queryOptions } from "@tanstack/react-query";
import type { AnnotationList, AnnotationView } from "@/lib/contract";
import type { ViewScope } from "./export-request";
import { fetchJson, problemOf } from "./fetch-json";

export type { AnnotationView } from "@/lib/contract";

const scopeQuery = (scope: ViewScope) =>
  scope.kind === "team"
    ? `teamId=${encodeURIComponent(scope.teamId)}`
    : `orgTreeName=${encodeURIComponent(scope.orgTreeName)}`;

export const annotationKeys = {
  all: ["annotations"] as const,
  list: (scope: ViewScope) => ["annotations", "list", scopeQuery(scope)] as const,
};

export const annotationListOptions = (scope: ViewScope) =>
  queryOptions({
    queryKey: annotationKeys.list(scope),
    queryFn: async () => (await fetchJson<AnnotationList>(`/api/annotations?${scopeQuery(scope)}`)).items,
    staleTime: 60_000,
    retry: (count, err) => count < 2 && ![400, 401, 403].includes((err as { status?: number }).status ?? 0),
  });

/** A note's dates and text, as the form holds them (no end date: null). */
export interface AnnotationInput {
  startDate: string;
  endDate: string | null;
  text: string;
}

export function createAnnotation(scope: ViewScope, input: AnnotationInput): Promise<AnnotationView> {
  const body = {
    scope: scope.kind === "team" ? { teamId: scope.teamId } : { orgTreeName: scope.orgTreeName },
    ...input,
  };
  return fetchJson("/api/annotations", { method: "POST", body: JSON.stringify(body) });
}

export function updateAnnotation(id: number, input: AnnotationInput): Promise<AnnotationView> {
  return fetchJson(`/api/annotations/${id}`, { method: "PATCH", body: JSON.stringify(input) });
}

export async function deleteAnnotation(id: number): Promise<void> {
  const res = await fetch(`/api/annotations/${id}`, { method: "DELETE", credentials: "same-origin" });
  if (!res.ok) throw await problemOf(res);
}
