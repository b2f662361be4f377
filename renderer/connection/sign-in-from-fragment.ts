/**
 * The URL the companion prints carries a one-time code in the fragment (`#signin=CODE`), which browsers never send
 * to a server or write to its logs. The window trades it for the session cookie, then drops it from the address
 * bar and history so a reload or a copied link does not carry it. Returns whether a sign-in was attempted and
 * accepted.
 */
export async function signInFromFragment(): Promise<'none' | 'signed-in' | 'refused'> {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const code = fragment.get('signin');
  if (code === null || code === '') {
    return 'none';
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  try {
    const response = await window.fetch('/api/v1/session', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true ? 'signed-in' : 'refused';
  } catch {
    return 'refused';
  }
}
