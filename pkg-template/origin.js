// The check that a cookie-bearing request comes from the storefront's own pages.

/**
 * White space at either end of a value, by Unicode's White_Space property.
 * `String.prototype.trim` differs on U+0085, which it keeps, and U+FEFF, which it removes.
 */
const EDGE_WHITE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** Returns `origin` trimmed, without trailing slashes, with ASCII letters in lower case. */
function comparableOrigin(origin) {
  return origin
    .replace(EDGE_WHITE_SPACE, '')
    .replace(/\/+$/, '')
    .replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * Checks whether `origin` (the request's `Origin` header, or undefined) is one of
 * `allowedOrigins`, compared without case and without a trailing slash. A request without
 * `Origin` is refused: browsers send it on every cross-origin request and on same-origin
 * POSTs, so its absence means a non-browser client, which has no business with a
 * visitor cookie. Only ASCII letters are compared without case, as in hosts and schemes.
 */
export function isAllowedOrigin(origin, allowedOrigins) {
  if (typeof origin !== 'string') {
    return false;
  }
  const requestOrigin = comparableOrigin(origin);
  if (requestOrigin === '' || requestOrigin === 'null') {
    return false;
  }
  return allowedOrigins.some((allowed) => comparableOrigin(allowed) === requestOrigin);
}
