// A small OpenID Provider for request-level tests: discovery, keys, a token endpoint that checks
// PKCE and answers with an ID token shaped by the test (wrong nonce, audience, issuer, key, expiry,
// claims only at UserInfo), and UserInfo. Tokens are signed by hand with node:crypto (RS256).
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export const CLIENT_ID = "fourfold-tests";
export const CLIENT_SECRET = "small-issuer-client-secret";

export interface Scenario {
  /** Claims added to (or, when undefined, removed from) the ID token's defaults. */
  idToken?: Record<string, unknown>;
  /** What UserInfo answers (defaults to just the subject). */
  userInfo?: Record<string, unknown>;
  /** Sign with a key the issuer does not publish. */
  foreignKey?: boolean;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

function jwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign("sha256", Buffer.from(`${head}.${body}`), key))}`;
}

export class SmallIssuer {
  url = "";
  scenario: Scenario = {};
  /** The nonce and PKCE challenge of the last authorization request, set by the test from its URL. */
  nonce: string | null = null;
  codeChallenge: string | null = null;
  readonly userInfoCalls: string[] = [];
  private server?: http.Server;
  private readonly key = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly foreign = generateKeyPairSync("rsa", { modulusLength: 2048 });

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  idToken(): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.url,
      sub: "sub-1",
      aud: CLIENT_ID,
      iat: now,
      exp: now + 300,
      nonce: this.nonce,
    };
    for (const [k, v] of Object.entries(this.scenario.idToken ?? {})) {
      if (v === undefined) delete claims[k];
      else claims[k] = v;
    }
    const key = this.scenario.foreignKey ? this.foreign.privateKey : this.key.privateKey;
    return jwt(claims, key, "k1");
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return send(200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        userinfo_endpoint: `${this.url}/userinfo`,
        end_session_endpoint: `${this.url}/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (url.pathname === "/jwks") {
      return send(200, {
        keys: [{ ...this.key.publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" }],
      });
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const verifier = form.get("code_verifier") ?? "";
      if (!this.codeChallenge || createHash("sha256").update(verifier).digest("base64url") !== this.codeChallenge) {
        return send(400, { error: "invalid_grant", error_description: "PKCE verification failed" });
      }
      return send(200, {
        access_token: "small-issuer-access-token",
        token_type: "Bearer",
        expires_in: 300,
        id_token: this.idToken(),
      });
    }
    if (url.pathname === "/userinfo") {
      this.userInfoCalls.push(req.headers.authorization ?? "");
      if (req.headers.authorization !== "Bearer small-issuer-access-token")
        return send(401, { error: "invalid_token" });
      return send(200, this.scenario.userInfo ?? { sub: "sub-1" });
    }
    send(404, { error: "not_found" });
  }
}
