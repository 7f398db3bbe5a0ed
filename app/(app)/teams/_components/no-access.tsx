// Shown to a user who may see no team and no org tree yet (a new single sign-on account starts so).

export function NoAccess({ contact }: { contact: string[] }) {
  return (
    <div
      role="status"
      className="max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 className="font-semibold">You do not have access to any team yet</h2>
      <p className="mt-1">
        Your account works, but nobody has granted it a team or an org tree. A Fourfold admin grants access
        {contact.length > 0 ? (
          <>
            : ask <strong>{contact.join(", ")}</strong>.
          </>
        ) : (
          "."
        )}
      </p>
    </div>
  );
}
