import { describe, expect, it } from "vitest";
import { DomainError, ScopeNotFoundError } from "@/lib/dora";
import { ApiError, errorResponse } from "./errors";

class Clash extends DomainError {
  readonly kind = "conflict";
}

describe("errorResponse", () => {
  it("answers an ApiError with its status, code, message and details", async () => {
    const res = errorResponse(new ApiError("INVALID_ARGUMENT", "bad", [{ field: "x", message: "is required" }]));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: "INVALID_ARGUMENT",
      message: "bad",
      details: [{ field: "x", message: "is required" }],
    });
  });

  it.each([
    [new ScopeNotFoundError("team not found: t9"), 404, "NOT_FOUND"],
    [new Clash("still in use"), 409, "CONFLICT"],
  ])("answers a domain refusal by its kind: %s", async (err, status, code) => {
    const res = errorResponse(err);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ code, message: err.message });
  });

  it("answers anything else with a 500 that shows no internals", async () => {
    const res = errorResponse(new Error("SQLITE_ERROR: no such table: secret_stuff"));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("secret_stuff");
  });
});
