// What the view says while it waits on SEI: the proxy gives up on SEI after its deadline (504
// UPSTREAM_UNREACHABLE) and the view's queries try again; the person is told so, not left with
// a status that only counts seconds.
import { ApiProblem } from "@/lib/browser";

export const NOT_ANSWERING = "SEI is not answering; trying again";

interface QueryState {
  /** A try is under way or waiting to be made. */
  isFetching: boolean;
  /** The last try's failure, kept while the query tries again. */
  failureReason: unknown;
}

export function waitingNote(queries: QueryState[]): string | null {
  const retrying = queries.some(
    (q) => q.isFetching && q.failureReason instanceof ApiProblem && q.failureReason.code === "UPSTREAM_UNREACHABLE",
  );
  return retrying ? NOT_ANSWERING : null;
}
