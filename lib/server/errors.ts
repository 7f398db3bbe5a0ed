import "server-only";
import { NextResponse } from "next/server";
import { DomainError, type DomainErrorKind } from "@/lib/dora";
import { log } from "./log";

// One error type and one mapper (spec §8): known errors carry their status and code, the domain's
// refusals (lib/dora's DomainError) are answered by their kind, and anything else is a plain 500
// that shows no internals.

export type ErrorCode =
  | "INVALID_ARGUMENT"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "NOT_READY"
  | "GONE"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UPSTREAM_UNREACHABLE"
  | "UPSTREAM_UNAUTHORIZED"
  | "UPSTREAM_FAILED"
  | "NOT_AVAILABLE"
  | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_READY: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_AVAILABLE: 501,
  UPSTREAM_FAILED: 502,
  UPSTREAM_UNAUTHORIZED: 502,
  UPSTREAM_UNREACHABLE: 504,
};

export interface ErrorDetail {
  field?: string;
  index?: number;
  /** The line of a document the problem is on (a mapping document). */
  line?: number;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const invalid = (message: string, details?: ErrorDetail[]) => new ApiError("INVALID_ARGUMENT", message, details);
export const notFound = (message = "Not found") => new ApiError("NOT_FOUND", message);

const DOMAIN_CODE: Record<DomainErrorKind, ErrorCode> = { not_found: "NOT_FOUND", conflict: "CONFLICT" };

export function errorResponse(err: unknown, context: Record<string, unknown> = {}): NextResponse {
  if (err instanceof DomainError) err = new ApiError(DOMAIN_CODE[err.kind], err.message);
  if (err instanceof ApiError) {
    const body = { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
    return NextResponse.json(body, { status: err.status, headers: err.headers });
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : String(err).slice(0, 500);
  log.error("request.failed", { ...context, error: message });
  return NextResponse.json({ code: "INTERNAL", message: "Something went wrong on the server." }, { status: 500 });
}
