import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser, getAuthOptions } from "@/lib/runtime";
import { safeCallbackUrl } from "@/lib/browser";
import { SignInForm } from "./_components/sign-in-form";
import { signInErrorMessage } from "./error-messages";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

// next-auth sends a failed single sign-on back here with only `?error=`; the page it was going to
// is still in its callback-url cookie, so a retry returns to the same deep link.
const CALLBACK_COOKIES = ["__Secure-next-auth.callback-url", "next-auth.callback-url"];

async function rememberedCallback(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of CALLBACK_COOKIES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    try {
      const url = new URL(value, "http://fourfold.invalid");
      return url.pathname + url.search + url.hash;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackUrl(callbackUrl ?? (error ? await rememberedCallback() : undefined));
  if (await currentUser()) redirect(target);
  const options = await getAuthOptions();
  const providers = options.providers.filter((p) => p.id !== "credentials").map((p) => ({ id: p.id, name: p.name }));
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-semibold">Fourfold</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sign in to see your teams&apos; DORA metrics.</p>
        <SignInForm
          callbackUrl={target}
          providers={providers}
          initialError={error ? signInErrorMessage(error) : null}
        />
      </div>
    </main>
  );
}
