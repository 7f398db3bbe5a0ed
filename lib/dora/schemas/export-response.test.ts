import { describe, expect, it } from "vitest";
import { downloadPath, exportCreateResponseSchema, exportStatusResponseSchema } from "./export-response";

const CREATED = { exportId: "exp_0A1B2C3D4E", status: "QUEUED", createdAt: "2026-01-05T14:03:00Z" };

describe("export responses", () => {
  it("reads a create response", () => {
    const body = { ...CREATED, message: "Export job created successfully" };
    expect(exportCreateResponseSchema.parse(body)).toEqual(body);
  });

  it.each([
    ["an unknown status", { ...CREATED, status: "DONE", message: "m" }],
    ["no message", CREATED],
  ])("refuses a create response with %s", (_name, body) => {
    expect(exportCreateResponseSchema.safeParse(body).success).toBe(false);
  });

  it("reads a COMPLETED status, keeping every field", () => {
    const body = {
      ...CREATED,
      status: "COMPLETED",
      startedAt: "2026-01-05T14:03:01Z",
      completedAt: "2026-01-05T14:03:09Z",
      downloadUrl: downloadPath("exp_0A1B2C3D4E"),
      rowCount: 12,
      sizeBytes: 3456,
    };
    expect(exportStatusResponseSchema.parse(body)).toEqual(body);
    expect(body.downloadUrl).toBe("/v2/insights/efficiency/exports/exp_0A1B2C3D4E/download");
  });

  it("reads a FAILED status with its error, and null fields as absent", () => {
    const body = { ...CREATED, status: "FAILED", downloadUrl: null, error: { code: "INTERNAL", message: "failed" } };
    expect(exportStatusResponseSchema.parse(body)).toEqual({ ...CREATED, status: "FAILED", error: body.error });
  });

  it.each([
    ["a negative rowCount", { ...CREATED, rowCount: -1 }],
    ["an error without a code", { ...CREATED, error: { message: "x" } }],
    ["no createdAt", { exportId: "exp_1", status: "QUEUED" }],
  ])("refuses a status with %s", (_name, body) => {
    expect(exportStatusResponseSchema.safeParse(body).success).toBe(false);
  });
});
