/**
 * Random UUIDs (version 4). crypto.randomUUID exists only in secure
 * contexts, and a content script on an http:// page is not one, so the UUID
 * is built from getRandomValues, which works everywhere.
 *
 * @param {(bytes: Uint8Array) => Uint8Array} [random]
 * @returns {string}
 */
export function uuid4(random = (b) => globalThis.crypto.getRandomValues(b)) {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
