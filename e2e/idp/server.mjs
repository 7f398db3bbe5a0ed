// The browser tests' identity provider: panva's oidc-provider (a certified OpenID Provider) on its
// defaults, as a company's IdP would be. Its accounts live in memory; the tests change them through
// /test/accounts (a shared token guards it) and read how often UserInfo was asked at /test/stats.
// Runs on loopback only: IDP_PORT, APP_URL (the dashboard the client redirects to), IDP_TEST_TOKEN.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.IDP_PORT);
const appUrl = process.env.APP_URL;
const testToken = process.env.IDP_TEST_TOKEN;
if (!port || !appUrl || !testToken) throw new Error("IDP_PORT, APP_URL and IDP_TEST_TOKEN are required");
const issuer = `http://127.0.0.1:${port}`;

/** sub → claims. The login form's "login" is the subject. */
const accounts = new Map(
  Object.entries({
    "admin-idp": { email: "admin@localhost", email_verified: true, name: "Admin at the IdP" },
    mallory: { email: "admin@localhost", email_verified: false, name: "Mallory" },
  }),
);
const stats = { userinfo: 0 };

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.IDP_CLIENT_ID ?? "fourfold-e2e",
      client_secret: process.env.IDP_CLIENT_SECRET ?? "fourfold-e2e-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      post_logout_redirect_uris: [`${appUrl}/signin`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "e2e", alg: "RS256", use: "sig" }] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(_ctx, sub) {
    if (!accounts.has(sub)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) };
  },
});
provider.on("server_error", (_ctx, err) => process.stderr.write(`idp server_error: ${err.stack}\n`));

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  if (url.pathname.startsWith("/test/")) {
    if (req.headers.authorization !== `Bearer ${testToken}`) {
      res.writeHead(401).end();
      return;
    }
    if (url.pathname === "/test/stats") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
      return;
    }
    const sub = decodeURIComponent(url.pathname.slice("/test/accounts/".length));
    if (req.method === "PUT" && sub) {
      let body = "";
      for await (const chunk of req) body += chunk;
      accounts.set(sub, JSON.parse(body));
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404).end();
    return;
  }
  if (url.pathname === "/me") stats.userinfo++;
  provider.callback()(req, res);
});
server.listen(port, "127.0.0.1", () => process.stdout.write(`identity provider on ${issuer}\n`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
