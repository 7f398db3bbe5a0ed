// One way for the browser to call the dashboard's API: JSON in and out, errors as ApiProblem.

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

export async function problemOf(res: Response): Promise<ApiProblem> {
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  const retry = Number(res.headers.get("retry-after"));
  return new ApiProblem(
    res.status,
    body?.code ?? "INTERNAL",
    body?.message ?? `The server answered ${res.status}.`,
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init?.body ? { "content-type": "application/json" } : {}),
      ...init?.headers,
    },
    credentials: "same-origin",
  });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}
