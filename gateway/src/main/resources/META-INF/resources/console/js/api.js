// The console calls the API through the gateway with its session cookie; changes carry the session's CSRF token.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = { user: '', roles: [], teams: [], csrf_token: '' };

export async function loadSession() {
  const r = await fetch('/console/session', { headers: { 'X-Requested-With': 'JavaScript' } });
  if (r.status === 499 || r.status === 401) {
    location.reload(); // the session ended: the gateway sends the browser to log in again
    throw new ApiError(r.status);
  }
  if (!r.ok) throw new ApiError(r.status, await problem(r));
  Object.assign(session, await r.json());
  return session;
}

export function hasRole(...roles) {
  return roles.some(role => session.roles.includes(role));
}

/** What the user may do; the API enforces each anyway. */
export const may = {
  change: () => hasRole('analyst', 'responder', 'admin'),
  decideSteps: () => hasRole('analyst', 'responder', 'admin'),
  importReports: () => hasRole('analyst', 'responder', 'admin'),
  importIdentity: () => hasRole('analyst', 'admin'),
  readAudit: () => hasRole('auditor', 'admin'),
};

export async function api(path, { method = 'GET', body, contentType } = {}) {
  const headers = { 'X-Requested-With': 'JavaScript', Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = session.csrf_token;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (body instanceof Blob) {
    headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
  }
  let r = await fetch(`/console/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  const wait = retryAfter(r);
  if (method === 'GET' && wait !== null) {
    // a service restarting: a read is asked once more after the time the gateway gave
    await new Promise(resolve => setTimeout(resolve, wait * 1000));
    r = await fetch(`/console/api/v1${path}`, { method, headers, credentials: 'same-origin' });
  }
  if (r.status === 499) {
    location.reload();
    throw new ApiError(401, { detail: 'the session ended; logging in again' });
  }
  if (!r.ok) throw new ApiError(r.status, await problem(r));
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : r.text();
}

/** Fetches a file through the API and hands it to the browser as a download (a report, an export). */
export async function download(path, filename) {
  const r = await fetch(`/console/api/v1${path}`, { headers: { 'X-Requested-With': 'JavaScript' }, credentials: 'same-origin' });
  if (r.status === 499) {
    location.reload();
    throw new ApiError(401, { detail: 'the session ended; logging in again' });
  }
  if (!r.ok) throw new ApiError(r.status, await problem(r));
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The posture scope a person sees first: the organisation for those who read every team, else their first team. */
export function defaultScope() {
  return hasRole('auditor', 'admin', 'integration') || session.teams.length === 0 ? 'org' : `team:${session.teams[0]}`;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.filter(Boolean).forEach(x => q.append(k, x));
    else if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Seconds to wait before asking again when a service is briefly unavailable (503 with Retry-After up to 10 s). */
function retryAfter(r) {
  const header = r.headers.get('Retry-After');
  const seconds = header === null ? NaN : Number(header);
  return r.status === 503 && Number.isInteger(seconds) && seconds >= 0 && seconds <= 10 ? seconds : null;
}

async function problem(r) {
  try {
    return await r.json();
  } catch {
    return { title: r.statusText };
  }
}
