"use client";

// The Sources page's actions: replay the events with the current mapping; set a new webhook secret, or paste one.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { send } from "./send";

const BUTTON =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";

interface Replayed {
  events: number;
  byStatus: Record<"mapped" | "unmapped" | "ignored" | "failed", number>;
  written: number;
  removed: number;
  ms: number;
}

export function ReplayButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function replay() {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await send<Replayed>("POST", "/api/sources/replay", {});
    setBusy(false);
    if (!r.ok) return setError(r.problem.message);
    const v = r.value;
    setResult(
      `Replayed ${v.events.toLocaleString("en-US")} event${v.events === 1 ? "" : "s"} in ${(v.ms / 1000).toFixed(1)} s: ${v.byStatus.mapped} mapped, ` +
        `${v.byStatus.unmapped} unmapped, ${v.byStatus.ignored} ignored, ${v.byStatus.failed} failed; ` +
        `${v.written} records written, ${v.removed} removed.`,
    );
    router.refresh();
  }
  return (
    <div className="space-y-2">
      <button type="button" className={BUTTON} onClick={() => void replay()} disabled={busy}>
        {busy ? "Replaying…" : "Replay every event"}
      </button>
      <p role="status" className="text-sm">
        {result}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          The replay failed: {error}
        </p>
      )}
    </div>
  );
}

export function SecretButton({ source, label, isSet }: { source: string; label: string; isSet: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function generate() {
    if (isSet && !window.confirm(`Replace the ${label} secret? Deliveries signed with the old one will be refused.`))
      return;
    setBusy(true);
    setError(null);
    const r = await send<{ secret: string }>("POST", "/api/sources/secret", { source });
    setBusy(false);
    if (!r.ok) return setError(r.problem.message);
    setSecret(r.value.secret);
    router.refresh();
  }
  return (
    <div className="space-y-2">
      <button type="button" className={BUTTON} onClick={() => void generate()} disabled={busy}>
        {isSet ? `Replace the ${label} secret` : `Generate a ${label} secret`}
      </button>
      {secret && (
        <div
          role="status"
          className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p>Paste this into the webhook&apos;s Secret field now; it is not shown again.</p>
          <code aria-label={`New ${label} secret`} className="block font-mono break-all select-all">
            {secret}
          </code>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** For a source that makes its own secret (PagerDuty shows its signing secret once): paste it here. */
export function PastedSecretForm({ source, label, isSet }: { source: string; label: string; isSet: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `secret-${source}`;
  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const r = await send<{ saved: boolean }>("POST", "/api/sources/secret", { source, secret: value });
    setBusy(false);
    if (!r.ok) return setError(r.problem.message);
    setValue("");
    setSaved(true);
    router.refresh();
  }
  return (
    <form className="space-y-2" onSubmit={(e) => void save(e)}>
      <label htmlFor={id} className="block">
        {label}&apos;s signing secret ({isSet ? "replaces the one set" : "shown once when the webhook is made"})
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          type="password"
          autoComplete="off"
          required
          minLength={16}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm sm:w-auto sm:flex-1 dark:border-slate-600 dark:bg-slate-950"
        />
        <button type="submit" className={BUTTON} disabled={busy}>
          {`Save the ${label} secret`}
        </button>
      </div>
      <p role="status" className="text-sm">
        {saved ? `The ${label} secret is saved.` : ""}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
