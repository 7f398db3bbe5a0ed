// npm run users -- <add|list|remove|passwd|scopes|identities|unlink|signout> …  – manage Fourfold's accounts.
import { parseArgs } from "node:util";
import {
  listIdentities,
  removeIdentity,
  countUserSessions,
  endUserSessions,
  addUser,
  findUserByEmail,
  listUsers,
  removeUser,
  updateUser,
  scopeSchema,
} from "@/lib/auth";
import { emailSchema, logToStderr, randomSecret } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { readPassword } from "./read-password";

const USAGE = `Usage: npm run users -- <command>
  add <email> [--scopes team_a,tree:Engineering] [--admin] [--password-stdin]
  list
  remove <email>                 the account, its single sign-on links and its sessions
  passwd <email> [--password-stdin]   also signs the account out everywhere
  scopes <email> --scopes team_a,tree:Engineering [--admin|--no-admin]
  identities <email>             the single sign-on identities linked to the account
  unlink <email> <identity-id>   removes one link (and the sessions opened through it)
  signout <email>                ends every session of the account, on every device
A new password is read from standard input with --password-stdin (a TTY prompts for it);
otherwise one is generated and printed once. Logs go to stderr; stdout holds only the answer.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseScopeList(raw: string | undefined): string[] {
  if (!raw) return [];
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of list) {
    const r = scopeSchema.safeParse(s);
    if (!r.success) fail(`--scopes: "${s}" ${r.error.issues[0]?.message ?? "is invalid"}`);
  }
  return list;
}

async function newPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomSecret(15), generated: true };
  const password = await readPassword();
  if (password.length < 12) fail("The password must be at least 12 characters.");
  return { password, generated: false };
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      scopes: { type: "string" },
      admin: { type: "boolean" },
      "no-admin": { type: "boolean" },
      "password-stdin": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  logToStderr();
  const [command, rawEmail, rawIdentity] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { db } = await getRuntime({ jobs: false });
  const existing = async (address: string) =>
    (await findUserByEmail(db, address)) ?? fail(`${address} does not exist.`);
  const email = () => {
    const r = emailSchema.safeParse(rawEmail);
    return r.success ? r.data : fail(`<email> ${rawEmail ? "is not an email address" : "is missing"}.\n${USAGE}`);
  };

  switch (command) {
    case "list": {
      for (const u of await listUsers(db)) {
        const scopes = u.admin ? "all (admin)" : [...u.teams, ...u.trees.map((t) => `tree:${t}`)].join(",") || "(none)";
        const sso = (await listIdentities(db, u.id)).map((i) => i.provider).join(",") || "-";
        process.stdout.write(`${u.email}\t${scopes}\tsso:${sso}\tsessions:${await countUserSessions(db, u.id)}\n`);
      }
      return;
    }
    case "identities": {
      const user = await existing(email());
      const list = await listIdentities(db, user.id);
      if (list.length === 0) process.stdout.write(`${user.email} has no single sign-on identity.\n`);
      for (const i of list) {
        process.stdout.write(
          `${i.id}\t${i.provider}\t${i.issuer}\t${i.subject}\t${i.email ?? "-"}\tlinked ${i.linkedAt}\tlast ${i.lastSignInAt}\n`,
        );
      }
      return;
    }
    case "unlink": {
      const user = await existing(email());
      const id = Number(rawIdentity);
      if (!Number.isInteger(id) || id <= 0)
        fail(`<identity-id> must be a number from \`npm run users -- identities ${user.email}\`.`);
      if (!(await removeIdentity(db, user.id, id))) fail(`${user.email} has no identity ${id}.`);
      process.stdout.write(`Unlinked identity ${id} from ${user.email}; its sessions ended.\n`);
      return;
    }
    case "signout": {
      const user = await existing(email());
      const n = await endUserSessions(db, user.id);
      process.stdout.write(`Ended ${n} session${n === 1 ? "" : "s"} of ${user.email}.\n`);
      return;
    }
    case "add": {
      const address = email();
      if (await findUserByEmail(db, address)) fail(`${address} already exists.`);
      const { password, generated } = await newPassword(Boolean(values["password-stdin"]));
      await addUser(db, {
        email: address,
        password,
        admin: Boolean(values.admin),
        scopes: parseScopeList(values.scopes),
      });
      process.stdout.write(`Added ${address}.${generated ? `\nPassword: ${password}` : ""}\n`);
      return;
    }
    case "remove": {
      const address = email();
      if (!(await removeUser(db, address))) fail(`${address} does not exist.`);
      process.stdout.write(`Removed ${address}.\n`);
      return;
    }
    case "passwd": {
      const address = email();
      if (!(await findUserByEmail(db, address))) fail(`${address} does not exist.`);
      const { password, generated } = await newPassword(Boolean(values["password-stdin"]));
      await updateUser(db, address, { password });
      process.stdout.write(
        `Changed the password of ${address}; its sessions ended.${generated ? `\nPassword: ${password}` : ""}\n`,
      );
      return;
    }
    case "scopes": {
      const address = email();
      const admin = values.admin ? true : values["no-admin"] ? false : undefined;
      const ok = await updateUser(db, address, {
        scopes: values.scopes === undefined ? undefined : parseScopeList(values.scopes),
        admin,
      });
      if (!ok) fail(`${address} does not exist.`);
      process.stdout.write(`Updated ${address}.\n`);
      return;
    }
    default:
      fail(`Unknown command "${command}".\n${USAGE}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => fail(err instanceof Error ? err.message : String(err)),
);
