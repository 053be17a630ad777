// Suggestions for misspelt option names, by the rule the direct client's Rust options
// follow, for the JS-only checks of the partner gateway and the gateway-mode client.
//
// The build derives a CommonJS copy for the Node entry, so this file imports nothing and
// exports one function declaration.

/**
 * Returns the known name a misspelt `key` most likely meant, or null. That is the nearest
 * name at most two edits away, ignoring ASCII case. For a key of four or more UTF-8 bytes,
 * a name that starts with the key, or that the key starts with, counts as two edits.
 */
export function closestKnownName(key, names) {
  const lowerKey = asciiLowerCase(key);
  const keyIsLong = new TextEncoder().encode(lowerKey).length >= 4;
  let best = null;
  let bestDistance = 3;
  for (const name of names) {
    const lowerName = asciiLowerCase(name);
    const isPrefix = keyIsLong && (lowerName.startsWith(lowerKey) || lowerKey.startsWith(lowerName));
    const distance = isPrefix ? Math.min(editDistance(lowerKey, lowerName), 2) : editDistance(lowerKey, lowerName);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Returns the Levenshtein distance between two strings, over characters. */
function editDistance(leftText, rightText) {
  const left = [...leftText];
  const right = [...rightText];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 0; i < left.length; i += 1) {
    const current = [i + 1];
    for (let j = 0; j < right.length; j += 1) {
      const substitution = previous[j] + (left[i] === right[j] ? 0 : 1);
      current.push(Math.min(substitution, previous[j + 1] + 1, current[j] + 1));
    }
    previous = current;
  }
  return previous[right.length];
}

/** Returns `text` with the ASCII letters in lower case, as Rust's `to_ascii_lowercase` does. */
function asciiLowerCase(text) {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
