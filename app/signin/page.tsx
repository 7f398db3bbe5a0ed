import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/options";
import { safeCallbackUrl } from "@/lib/browser/safe-callback";
import { currentUser } from "@/lib/server/route";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackUrl(callbackUrl);
  if (await currentUser()) redirect(target);
  const options = await getAuthOptions();
  const providers = options.providers
    .filter((p) => p.id !== "credentials")
    .map((p) => ({ id: p.id, name: p.name }));
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-semibold">Fourfold</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sign in to see your teams&apos; DORA metrics.</p>
        <SignInForm callbackUrl={target} providers={providers} initialError={error ? "Sign-in failed. Try again." : null} />
      </div>
    </main>
  );
}
