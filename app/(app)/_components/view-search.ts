import { readViewParams, todayUtc, type ViewParams } from "@/lib/browser";

export type PageSearch = Record<string, string | string[] | undefined>;

/** A view page's settings from its search parameters, read as the browser reads them. */
export function viewOf(search: PageSearch): ViewParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (typeof v === "string") params.set(k, v);
  return readViewParams(params, todayUtc()).view;
}
