import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { QueryProvider } from "@/components/query-provider";
import { AppHeader } from "@/components/shell/app-header";
import { publicConfig } from "@/lib/server";
import { currentUser } from "@/lib/runtime";

// Signed-in pages depend on the session: never prerender them at build time (which would open the store).
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) {
    const here = (await headers()).get("x-fourfold-url") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  }
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <AppHeader email={user.email} connection={publicConfig()} admin={user.admin} />
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </div>
  );
}
