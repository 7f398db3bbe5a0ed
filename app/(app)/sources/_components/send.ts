// The Sources page's calls to its API: JSON in and out; a refusal keeps its details (field, line).

export interface Problem {
  message: string;
  details: { field?: string; message: string; line?: number }[];
}

export async function send<T>(
  method: "POST" | "PUT",
  url: string,
  body: unknown,
): Promise<{ ok: true; value: T } | { ok: false; problem: Problem }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: { message: "The server could not be reached.", details: [] } };
  }
  const json = (await res.json().catch(() => null)) as (T & Partial<Problem>) | null;
  if (res.ok && json) return { ok: true, value: json };
  return {
    ok: false,
    problem: { message: json?.message ?? `The server answered ${res.status}.`, details: json?.details ?? [] },
  };
}
