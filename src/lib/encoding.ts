// The byte encodings Mend writes in more than one place: URL-safe base64 for tokens, lower-case hex for digests.

/** RFC 4648 base64url without padding: safe in a URL path and a cookie. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of text (as UTF-8) or of bytes. */
export async function sha256(data: string | ArrayBuffer): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? new TextEncoder().encode(data) : data));
}

export async function sha256Hex(data: string | ArrayBuffer): Promise<string> {
  return hex(await sha256(data));
}
