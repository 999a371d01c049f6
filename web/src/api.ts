// The HTTP API client: JSON under /api/v1, the CSRF token from GET /session on every write, and the
// server's error body ({"error":{"field","problem","accepted"}}) turned into one readable message.

export interface ErrorBody {
  field?: string;
  problem?: string;
  accepted?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(describeError(status, body));
  }
}

function describeError(status: number, body: ErrorBody): string {
  const problem = body.problem ?? `the request failed (HTTP ${status})`;
  const field = body.field ? `${body.field}: ` : '';
  const accepted = body.accepted ? ` (accepted: ${body.accepted})` : '';
  return `${field}${problem}${accepted}`;
}

export interface Session {
  mode: 'single' | 'multi';
  account: string | null;
  csrf: string;
}

export interface Person {
  id: number;
  name: string;
  weight_kg: number | null;
  sex?: string;
  birth_year?: number | null;
  tz: string;
  jurisdiction: string | null;
  risks?: string[];
}

export interface Alert {
  severity?: string;
  evidence?: string;
  sources?: string[];
  [key: string]: unknown;
}

let csrfToken = '';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, (data as { error?: ErrorBody })?.error ?? {});
  return data as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { error: { problem: `the server answered HTTP ${response.status} without JSON` } };
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

export async function loadSession(): Promise<Session> {
  const session = await api.get<Session>('/session');
  csrfToken = session.csrf;
  return session;
}

/// Path of a route that belongs to one person.
export function personPath(person: Person, rest: string): string {
  return `/people/${person.id}${rest}`;
}

/// URL for a download link (reports), outside fetch.
export function downloadUrl(person: Person, file: string): string {
  return `/api/v1${personPath(person, `/${file}`)}`;
}
