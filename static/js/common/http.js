// Fetch helpers: session cookie + CSRF header, JSON (or HTML) answers, readable errors.

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : '';
}

async function readJson(response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('application/json')) return response.json();
  const reason = response.status === 403
    ? 'The server refused this request (403). Reload the page and try again.'
    : `The server answered ${response.status} ${response.statusText}.`;
  return { ok: false, message: reason, html: {} };
}

export async function postForm(url, formData) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: formData,
      credentials: 'same-origin',
      headers: { 'X-CSRFToken': csrfToken(), Accept: 'application/json', 'X-Requested-With': 'fetch' },
    });
    const data = await readJson(response);
    data.httpStatus = response.status;
    return data;
  } catch (error) {
    return { ok: false, message: 'Network error: your changes were not sent. Try again.', html: {}, httpStatus: 0 };
  }
}

export async function getHtml(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
  const text = await response.text();
  if (!response.ok) {
    const type = response.headers.get('content-type') || '';
    const message = type.includes('application/json') ? JSON.parse(text).message : `Could not load (${response.status}).`;
    throw new Error(message);
  }
  return text;
}

export async function postText(url, fields) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  const response = await fetch(url, {
    method: 'POST', body, credentials: 'same-origin', headers: { 'X-CSRFToken': csrfToken() },
  });
  if (!response.ok) throw new Error(`Preview failed (${response.status}).`);
  return response.text();
}
