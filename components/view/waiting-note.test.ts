import { describe, expect, it } from "vitest";
import { ApiProblem } from "@/lib/browser/api/fetch-json";
import { NOT_ANSWERING, waitingNote } from "./waiting-note";

const unreachable = new ApiProblem(504, "UPSTREAM_UNREACHABLE", "SEI did not answer in time. Try again in a moment.");
const failed = new ApiProblem(502, "UPSTREAM_FAILED", "SEI failed to answer (HTTP 500). Try again later.");
const idle = { isFetching: false, failureReason: null };

describe("waitingNote", () => {
  it.each([
    ["nothing failed", [idle, { isFetching: true, failureReason: null }], null],
    [
      "a query tries again after SEI did not answer",
      [idle, { isFetching: true, failureReason: unreachable }],
      NOT_ANSWERING,
    ],
    [
      "it gave up (no longer fetching): the error is shown instead",
      [{ isFetching: false, failureReason: unreachable }],
      null,
    ],
    ["SEI answered with a failure, not silence", [{ isFetching: true, failureReason: failed }], null],
    [
      "a failure that is not the proxy's answer",
      [{ isFetching: true, failureReason: new TypeError("Failed to fetch") }],
      null,
    ],
  ])("%s", (_name, queries, expected) => {
    expect(waitingNote(queries)).toBe(expected);
  });
});
