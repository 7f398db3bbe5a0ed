import Link from "next/link";

export function NoAccess({ what }: { what: string }) {
  return (
    <section aria-labelledby="no-access" className="space-y-2">
      <h1 id="no-access" className="text-2xl font-semibold">
        No access
      </h1>
      <p>
        You may not see {what}, or it does not exist. Ask an admin to grant it to you, or pick one of{" "}
        <Link className="underline" href="/teams">
          your teams
        </Link>
        .
      </p>
    </section>
  );
}
