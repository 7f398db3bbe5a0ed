// What a person reads when sign-in fails, by next-auth's (or Fourfold's) error code. The reason an
// operator needs is in the server log (`auth.denied`, `auth.error`), never on this page.

const MESSAGES: Record<string, string> = {
  EmailNotVerified:
    "Your identity provider has not verified your email address, so Fourfold cannot link it to an account. Verify the address there, or ask a Fourfold admin.",
  EmailMissing:
    "Your identity provider did not share an email address with Fourfold. Ask your administrator to release the email claim.",
  IdentityConflict:
    "This Fourfold account is already linked to another single sign-on identity. Ask a Fourfold admin to remove the old link, then sign in again.",
  SubjectMissing: "Your identity provider's answer did not say who you are. Ask your administrator.",
  AccessDenied: "Sign-in was refused. Ask a Fourfold admin.",
  SessionRequired: "Sign in to continue.",
};

export function signInErrorMessage(code: string): string {
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}
