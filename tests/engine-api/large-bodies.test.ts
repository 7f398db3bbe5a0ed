// Bodies up to the documented 32 MiB reach the ingestion handler whole, and anything larger is a 413
// counted while streaming. The request proxy must not run for /v2/: it copies each body it sees
// and cuts the copy at 10 MB, which turned a valid 13 MiB batch into "unexpected end of string".
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/v2/ingest/[kind]/route";
import { config as proxyConfig } from "@/proxy";
import { AUTH, ingestOk, json, ORG, PROJECT, setupEngine, type ErrorBody } from "./helpers";
import { largeDeploymentBatch, LARGE_BATCH_MIN_BYTES } from "./large-batch";

const runtime = setupEngine({ jobs: false });

const MiB = 1024 * 1024;
const URL_OF = (kind: string) =>
  `http://localhost:3000/v2/ingest/${kind}?orgIdentifier=${ORG}&projectIdentifier=${PROJECT}`;

/** A POST whose body arrives in 1 MiB chunks with no content-length, as a chunked upload does. */
function streamed(kind: string, bytes: number, fill = "x"): NextRequest {
  const chunk = new TextEncoder().encode(fill.repeat(MiB));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(MiB, bytes - sent);
      controller.enqueue(n === MiB ? chunk : chunk.slice(0, n));
      sent += n;
    },
  });
  return new NextRequest(URL_OF(kind), {
    method: "POST",
    headers: { authorization: AUTH },
    body,
    duplex: "half",
  } as unknown as ConstructorParameters<typeof NextRequest>[1]);
}

const post = (req: NextRequest, kind: string) => ingestRoute.POST(req, { params: Promise.resolve({ kind }) });

describe("the request proxy and /v2/", () => {
  it.each([
    "/v2/ingest/deployments",
    "/v2/insights/efficiency/exports",
    "/v2/insights/efficiency/exports/exp_0000000000/download",
  ])("does not run for %s, so bodies are not copied and cut at 10 MB", (path) => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: path })).toBe(false);
  });

  it.each(["/", "/teams/eng", "/api/exports", "/signin"])("still runs for %s", (path) => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: path })).toBe(true);
  });

  it("next.config gives /v2/ responses the security headers the proxy gives the rest", async () => {
    const file = pathToFileURL(path.resolve("next.config.mjs")).href;
    const nextConfig = ((await import(/* @vite-ignore */ file)) as { default: NextConfig }).default;
    const rules = (await nextConfig.headers?.()) ?? [];
    const v2 = rules.filter((r) => r.source === "/v2/:path*");
    const names = v2.flatMap((r) => r.headers.map((h) => h.key));
    for (const name of [
      "Content-Security-Policy",
      "X-Content-Type-Options",
      "Referrer-Policy",
      "X-Frame-Options",
      "Strict-Transport-Security",
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe("POST /v2/ingest/{kind} – large bodies", () => {
  it("a valid 13 MiB batch (5,000 deployments with 60 commitShas each) → 200", async () => {
    await ingestOk("teams", [{ id: "big", name: "Big", orgTree: "Eng" }]);
    const items = largeDeploymentBatch("big");
    const text = JSON.stringify({ items });
    expect(text.length).toBeGreaterThanOrEqual(LARGE_BATCH_MIN_BYTES);
    const res = await post(
      new NextRequest(URL_OF("deployments"), { method: "POST", headers: { authorization: AUTH }, body: text }),
      "deployments",
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ received: 5000, created: 5000, updated: 0 });
    const { db } = await runtime();
    expect(
      Number(
        (
          await db
            .selectFrom("deployments")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(5000);
    // 300,000 link rows: PostgreSQL writes them in about twice SQLite's time.
  }, 60_000);

  it("a 50 MB body sent without content-length → 413 PAYLOAD_TOO_LARGE, counted while streaming", async () => {
    const res = await post(streamed("deployments", 50_000_000), "deployments");
    expect(res.status).toBe(413);
    expect(await json<ErrorBody>(res)).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      message: "The body is larger than 33554432 bytes.",
    });
  });

  it("a body one byte over 32 MiB → 413; exactly 32 MiB is read (and judged as JSON)", async () => {
    expect((await post(streamed("deployments", 32 * MiB + 1), "deployments")).status).toBe(413);
    const res = await post(streamed("deployments", 32 * MiB), "deployments");
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).code).toBe("INVALID_ARGUMENT");
  });
});
