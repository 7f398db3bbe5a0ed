import "server-only";

// Structured one-line JSON logs. Values pass through `redact`, so a key or a password given by
// mistake never reaches the log.

type Fields = Record<string, unknown>;
const SECRET_FIELD = /(key|secret|password|token|authorization|cookie)/i;

function redact(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELD.test(k) ? "[redacted]" : v;
  return out;
}

let allToStderr = false;

/** Command-line tools send every log line to stderr, so their stdout holds only what they print. */
export function logToStderr(): void {
  allToStderr = true;
}

/** Where a line that is no log event but a notice for the operator goes (stderr for the CLIs). */
export function noticeStream(): NodeJS.WritableStream {
  return allToStderr ? process.stderr : process.stdout;
}

function write(level: "info" | "warn" | "error", event: string, fields: Fields = {}) {
  if (process.env.FOURFOLD_LOG === "silent") return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...redact(fields) });
  (level === "error" || allToStderr ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};
