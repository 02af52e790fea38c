// The client's one way to call the server over HTTP (the table, class and debrief APIs). Answers are
// JSON, errors `{ error: { code, message } }`; every failure becomes an ApiError with a readable message.

/** A refused or failed request. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  /** Default GET, or POST when there is a body. */
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
  /** A facilitator key, sent as `Authorization: Bearer <key>`. */
  key?: string;
}

async function send(path: string, o: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  const method = o.method ?? (o.body === undefined ? 'GET' : 'POST');
  try {
    return await fetch(path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  } catch {
    throw new ApiError(0, 'client/offline', 'The game server cannot be reached; check the connection and try again.');
  }
}

/** The JSON answer of `path`; throws ApiError with the server's own code and message when refused. */
export async function requestJson<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const res = await send(path, o);
  const data = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!res.ok || data === null)
    throw new ApiError(
      res.status,
      data?.error?.code ?? 'http/error',
      data?.error?.message ?? `The server answered ${res.status}.`,
    );
  return data;
}

/** The text answer of `path` (an export file); throws ApiError when refused. */
export async function requestText(path: string, o: RequestOptions = {}): Promise<string> {
  const res = await send(path, o);
  if (res.ok) return res.text();
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  throw new ApiError(
    res.status,
    data?.error?.code ?? 'http/error',
    data?.error?.message ?? `The server answered ${res.status}.`,
  );
}

/** Whether the server answers plain HTTP now (GET /api/health, never from a cache); false instead of throwing. */
export async function serverAnswers(path = '/api/health'): Promise<boolean> {
  try {
    return (await fetch(path, { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * Runs one request from a button (a form's submit button): the button is disabled while the request is in
 * flight, so a double click (or Enter pressed twice) sends it once; a call while it is disabled does nothing
 * and gives undefined. The button is enabled again when the request fails (the error is rethrown), and when
 * it succeeds unless `keepDisabled` (the page moves on, e.g. to the class just created).
 */
export async function sendOnce<T>(
  button: { disabled: boolean },
  request: () => Promise<T>,
  o: { keepDisabled?: boolean } = {},
): Promise<T | undefined> {
  if (button.disabled) return undefined;
  button.disabled = true;
  try {
    const r = await request();
    if (!o.keepDisabled) button.disabled = false;
    return r;
  } catch (e) {
    button.disabled = false;
    throw e;
  }
}
