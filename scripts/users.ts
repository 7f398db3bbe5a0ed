// npm run users -- <add|list|remove|passwd|scopes> …  – manage Fourfold's local accounts.
import { parseArgs } from "node:util";
import { addUser, findUserByEmail, listUsers, removeUser, updateUser } from "@/lib/auth/users";
import { emailSchema } from "@/lib/auth/email";
import { scopeSchema } from "@/lib/auth/scopes";
import { getRuntime } from "@/lib/server/runtime";
import { randomSecret } from "@/lib/server/secrets";
import { readPassword } from "./read-password";

const USAGE = `Usage: npm run users -- <command>
  add <email> [--scopes team_a,tree:Engineering] [--admin] [--password-stdin]
  list
  remove <email>
  passwd <email> [--password-stdin]
  scopes <email> --scopes team_a,tree:Engineering [--admin|--no-admin]
A new password is read from standard input with --password-stdin (a TTY prompts for it);
otherwise one is generated and printed once.`;


function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseScopeList(raw: string | undefined): string[] {
  if (!raw) return [];
  const list = raw.split(",").map((s) => s.trim()).filter(Boolean);
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
  const [command, rawEmail] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { db } = await getRuntime({ jobs: false });
  const email = () => {
    const r = emailSchema.safeParse(rawEmail);
    return r.success ? r.data : fail(`<email> ${rawEmail ? "is not an email address" : "is missing"}.\n${USAGE}`);
  };

  switch (command) {
    case "list": {
      for (const u of await listUsers(db)) {
        const scopes = u.admin ? "all (admin)" : [...u.teams, ...u.trees.map((t) => `tree:${t}`)].join(",") || "(none)";
        process.stdout.write(`${u.email}\t${scopes}\n`);
      }
      return;
    }
    case "add": {
      const address = email();
      if (await findUserByEmail(db, address)) fail(`${address} already exists.`);
      const { password, generated } = await newPassword(Boolean(values["password-stdin"]));
      await addUser(db, { email: address, password, admin: Boolean(values.admin), scopes: parseScopeList(values.scopes) });
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
      process.stdout.write(`Changed the password of ${address}.${generated ? `\nPassword: ${password}` : ""}\n`);
      return;
    }
    case "scopes": {
      const address = email();
      const admin = values.admin ? true : values["no-admin"] ? false : undefined;
      const ok = await updateUser(db, address, { scopes: values.scopes === undefined ? undefined : parseScopeList(values.scopes), admin });
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
