/** A small HTTP client for e2e tests: real requests to the real app, as a user sees them. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class Http {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string | undefined): Http {
    return new Http(this.baseUrl, token);
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.request('GET', path);
  }
  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request('PATCH', path, body);
  }
  delete<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.request('DELETE', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (/^application\/([\w.-]+\+)?json\b/.test(res.headers.get('content-type') ?? '')) parsed = text ? JSON.parse(text) : undefined;
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }
}
