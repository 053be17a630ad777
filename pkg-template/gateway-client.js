// The gateway mode of OksoftClient in browsers: `new OksoftClient({ gatewayUrl })` calls
// the storefront's partner gateway instead of OKsoft, so the page never has the
// integration account. Options are checked with the library's own rules first.

import { OksoftError } from './oksoft-error.js';

/** Methods a partner gateway serves, by the direct client's name, with the OKsoft wire name. */
const GATEWAY_METHODS = {
  partnersLogin: 'PartnersLogin',
  partnersPasswordResetCreate: 'PartnersPasswordResetCreate',
  partnersCreate: 'PartnersCreate',
  countriesListGet: 'CountriesListGet',
  sexListGet: 'SexListGet',
  phoneTypesListGet: 'PhoneTypesListGet',
  languagesListGet: 'LanguagesListGet',
  partnersGroupsListGet: 'PartnersGroupsListGet',
  currenciesList: 'CurrenciesList',
  partnersGet: 'PartnersGet',
  accountsListGet: 'AccountsListGet',
};

/**
 * Methods whose effect is unknown when they fail after the request may have left: a
 * repeat could register a partner or send a reset e-mail twice.
 */
const SENT_ONCE_METHODS = new Set(['partnersCreate', 'partnersPasswordResetCreate']);

/** Methods that read the logged-in partner's own data; the gateway fills in partnersCode. */
const OWN_DATA_METHODS = new Set(['partnersGet', 'accountsListGet']);

/** Partner code put in for the check alone when the caller leaves it to the gateway. */
const CHECK_ONLY_PARTNERS_CODE = 1;

const GATEWAY_OPTION_NAMES = ['gatewayUrl', 'locale', 'fetch'];

const CALL_OPTION_NAMES = ['timeoutMs', 'signal'];

/** Maximum per-call timeout in milliseconds (ten minutes), the direct client's limit. */
const MAX_TIMEOUT_MS = 600_000;

/** Maximum length of a caller's value quoted in a message, in characters. */
const MAX_QUOTED_CHARS = 60;

// ---------------------------------------------------------------------------
// Messages

/**
 * The library's messages in gateway mode. `{0}` is the field or the method, `{1}` and
 * `{2}` the details. Where the direct client reports the same problem, the text is its
 * text (src/protocol/messages.rs); gateway-client.test.mjs compares the call options'
 * problems of both clients.
 */
const MESSAGES = {
  ru: {
    invalidInput: '{0}: неверные параметры, запрос не отправлен. {1}',
    unknownSuggested: '{0}: неизвестный параметр; возможно, имелся в виду {1}',
    unknown: '{0}: неизвестный параметр; уберите его или проверьте написание',
    retriesOnServer: '{0}: в режиме шлюза запросы повторяет клиент шлюза на сервере, по своему maxRetries; уберите этот параметр',
    wrongType: '{0}: ожидается {1}, передано значение типа {2}',
    outOfRange: '{0}: допустимо целое число от {2}, передано {1}',
    rangeSeparator: ' до ',
    unreadable: '{0}: значение не удалось прочитать, геттер или Proxy выбросил исключение; передайте обычное значение',
    timeout: '{0}: нет ответа за {1} мс; повторите позже или увеличьте timeoutMs',
    aborted: '{0}: запрос отменён вызывающим кодом',
    notSent: '{0}. Запрос не дошёл до сервера, его можно повторить.',
    outcomeUnknown: '{0}. Операция могла выполниться, а могла и нет. Не повторяйте вслепую: сначала проверьте, выполнилась ли операция.',
    expected: {
      integer: 'целое число',
      object: 'объект',
      abortSignal: 'AbortSignal',
    },
  },
  en: {
    invalidInput: '{0}: invalid input, nothing was sent. {1}',
    unknownSuggested: '{0}: unknown option; did you mean {1}?',
    unknown: '{0}: unknown option; remove it or check the spelling',
    retriesOnServer: '{0}: in gateway mode the gateway\'s own client retries on the server, as its maxRetries sets; remove this option',
    wrongType: '{0}: expected {1}, got a value of type {2}',
    outOfRange: '{0}: expected a whole number from {2}, got {1}',
    rangeSeparator: ' to ',
    unreadable: '{0}: reading the value threw (a getter or Proxy trap); pass a plain value',
    timeout: '{0}: no response within {1} ms; retry later or raise timeoutMs',
    aborted: '{0}: the request was aborted by the caller',
    notSent: '{0}. The request never reached the server, so it is safe to repeat.',
    outcomeUnknown: '{0}. The operation may or may not have happened. Do not repeat it blindly: first check whether the operation took effect.',
    expected: {
      integer: 'an integer',
      object: 'an object',
      abortSignal: 'an AbortSignal',
    },
  },
};

/** Fills `{0}`, `{1}` and `{2}` in `template` with `args`. */
function fill(template, args) {
  return template.replace(/\{([0-2])\}/g, (placeholder, index) => args[Number(index)] ?? placeholder);
}

/** Quotes a caller's value, cut to MAX_QUOTED_CHARS so one huge input cannot flood logs. */
function quote(value) {
  const characters = [...value];
  return characters.length > MAX_QUOTED_CHARS ? `"${characters.slice(0, MAX_QUOTED_CHARS).join('')}…"` : `"${value}"`;
}

/** Returns the JS type name of a value as messages show it: `typeof`, refined for arrays, maps and null. */
function typeName(value) {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value instanceof Map) {
    return 'Map';
  }
  return typeof value;
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

/** Returns the known name a misspelt `key` most likely meant, by the direct client's rule, or null. */
function closestKnownName(key, names) {
  const lowerKey = asciiLowerCase(key);
  let best = null;
  let bestDistance = 3;
  for (const name of names) {
    const lowerName = asciiLowerCase(name);
    // The direct client counts the key's length in UTF-8 bytes.
    const isPrefix = new TextEncoder().encode(lowerKey).length >= 4 && (lowerName.startsWith(lowerKey) || lowerKey.startsWith(lowerName));
    const distance = isPrefix ? Math.min(editDistance(lowerKey, lowerName), 2) : editDistance(lowerKey, lowerName);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Validation

function optionsError(message, field) {
  return new OksoftError(message, {
    kind: 'validation',
    code: 'invalid_option',
    method: null,
    resultNumber: null,
    resultText: null,
    status: null,
    field,
    problems: [{ field, code: 'invalid_option', message }],
    notSent: true,
    requestParams: null,
  });
}

/**
 * Collects the problems of one options object in `locale`, each `{ field, code, message }`,
 * as the direct client lists them.
 */
function problemList(locale) {
  const texts = MESSAGES[locale];
  const problems = [];
  const add = (field, code, template, first = '', second = '') => {
    problems.push({ field, code, message: fill(texts[template], [field, first, second]) });
  };
  return {
    problems,
    unknown(field, knownNames) {
      const suggestion = closestKnownName(field, knownNames);
      if (suggestion === null) {
        add(field, 'unknown_field', 'unknown');
      } else {
        add(field, 'unknown_field', 'unknownSuggested', suggestion);
      }
    },
    notInGatewayMode: (field, template) => add(field, 'invalid_option', template),
    wrongType: (field, expected, value) => add(field, 'invalid_type', 'wrongType', texts.expected[expected], typeName(value)),
    outOfRange: (field, value, min, max) => add(field, 'invalid_integer', 'outOfRange', quote(String(value)), `${min}${texts.rangeSeparator}${max}`),
    unreadable: (field) => add(field, 'invalid_type', 'unreadable'),
  };
}

/** Builds the validation OksoftError of `method`, with the first problem's code. */
function validationError(locale, method, problems) {
  const details = problems.map((problem) => problem.message).join('; ');
  return new OksoftError(fill(MESSAGES[locale].invalidInput, [method, details]), {
    kind: 'validation',
    code: problems[0].code,
    method,
    resultNumber: null,
    resultText: null,
    status: null,
    field: problems[0].field,
    problems,
    notSent: true,
    requestParams: null,
  });
}

/**
 * Reads the own enumerable properties of an options object into `[name, value]` pairs,
 * reporting a getter or Proxy trap that throws. Returns null after reporting a value
 * that is not an object; `undefined` and `null` mean no options.
 */
function readEntries(options, list) {
  if (options === undefined || options === null) {
    return [];
  }
  if (typeof options !== 'object' || Array.isArray(options) || options instanceof Map) {
    list.wrongType('options', 'object', options);
    return null;
  }
  let names;
  try {
    names = Object.keys(options);
  } catch {
    list.unreadable('options');
    return null;
  }
  const entries = [];
  for (const name of names) {
    try {
      entries.push([name, options[name]]);
    } catch {
      list.unreadable(name);
    }
  }
  return entries;
}

/**
 * Reads a method's second argument in gateway mode: `timeoutMs` and `signal`. Throws the
 * validation OksoftError of `method` for anything else, or for a wrongly typed value.
 */
function readCallSettings(locale, method, requestOptions) {
  const list = problemList(locale);
  const settings = { timeoutMs: null, signal: null };
  for (const [name, value] of readEntries(requestOptions, list) ?? []) {
    if (name === 'maxRetries') {
      list.notInGatewayMode(name, 'retriesOnServer');
    } else if (!CALL_OPTION_NAMES.includes(name)) {
      list.unknown(name, CALL_OPTION_NAMES);
    } else if (value === undefined || value === null) {
      // Absent, as in the direct client.
    } else if (name === 'timeoutMs') {
      if (typeof value !== 'number') {
        list.wrongType(name, 'integer', value);
      } else if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
        list.outOfRange(name, value, 1, MAX_TIMEOUT_MS);
      } else {
        settings.timeoutMs = value;
      }
    } else if (typeof AbortSignal === 'function' && value instanceof AbortSignal) {
      settings.signal = value;
    } else {
      list.wrongType(name, 'abortSignal', value);
    }
  }
  if (list.problems.length > 0) {
    throw validationError(locale, method, list.problems);
  }
  return settings;
}

// ---------------------------------------------------------------------------
// Requests

/**
 * Sends one request and reads its body as text. Resolves to `{ status, ok, text }`, or
 * rejects with `{ kind, detail, notSent, cause }` when `settings.timeoutMs` passed, the
 * caller's signal fired or fetch failed. The timer and the signal decide even when an
 * injected fetch ignores the signal it was given.
 */
async function exchange(fetchFunction, url, init, settings) {
  const { timeoutMs, signal } = settings;
  if (signal?.aborted) {
    throw { kind: 'aborted', detail: '', notSent: true };
  }

  const controller = new AbortController();
  let stopReason = null;
  let rejectStopped;
  const stopped = new Promise((_resolve, reject) => {
    rejectStopped = reject;
  });
  // Without a handler, the rejection of a request that already ended would be unhandled.
  stopped.catch(() => {});
  const stop = (reason) => {
    if (stopReason === null) {
      stopReason = reason;
      controller.abort();
      rejectStopped(new Error(reason));
    }
  };
  const timer = timeoutMs === null ? null : setTimeout(() => stop('timeout'), timeoutMs);
  const onAbort = () => stop('aborted');
  signal?.addEventListener('abort', onAbort);

  try {
    let pending;
    try {
      pending = fetchFunction(url, { credentials: 'same-origin', ...init, signal: controller.signal });
    } catch (error) {
      throw { kind: 'network', detail: '', notSent: true, cause: error };
    }
    const response = await Promise.race([pending, stopped]);
    const text = await Promise.race([response.text(), stopped]);
    return { status: response.status, ok: response.ok, text };
  } catch (failure) {
    if (stopReason === 'aborted') {
      throw { kind: 'aborted', detail: '', notSent: false };
    }
    if (stopReason === 'timeout') {
      throw { kind: 'timeout', detail: String(timeoutMs), notSent: false };
    }
    if (failure?.kind !== undefined && failure.notSent !== undefined) {
      throw failure;
    }
    throw { kind: 'network', detail: '', notSent: false, cause: failure };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Builds the OksoftError of a call that got no usable response from the gateway. A call in
 * SENT_ONCE_METHODS that may have reached the gateway becomes `outcome_unknown` and keeps
 * its `code`, as in the direct client.
 */
function callError(locale, { kind, code, method, message, status = null, notSent, sentOnce }) {
  const texts = MESSAGES[locale];
  const outcomeUnknown = sentOnce && !notSent;
  let fullMessage = message;
  if (outcomeUnknown) {
    fullMessage = fill(texts.outcomeUnknown, [message]);
  } else if (notSent) {
    fullMessage = fill(texts.notSent, [message]);
  }
  return new OksoftError(fullMessage, {
    kind: outcomeUnknown ? 'outcome_unknown' : kind,
    code,
    method,
    resultNumber: null,
    resultText: null,
    status,
    field: null,
    problems: [],
    notSent,
    requestParams: null,
  });
}

/** Builds the error of a failed exchange: network, timeout or aborted. */
function transportError(locale, method, sentOnce, failure) {
  const texts = MESSAGES[locale];
  if (failure.kind === 'network') {
    const message = String(failure.cause?.message ?? failure.cause);
    return errorFrom({ error: { kind: 'network', code: 'network_error', message } }, 0);
  }
  const message = failure.kind === 'timeout' ? fill(texts.timeout, [method, failure.detail]) : fill(texts.aborted, [method]);
  return callError(locale, { kind: failure.kind, code: failure.kind, method, message, notSent: failure.notSent, sentOnce });
}

/** Turns a gateway's error body into the OksoftError the direct client would reject with. */
function errorFrom(body, status) {
  const fields = body?.error ?? {};
  return new OksoftError(fields.message ?? `the gateway returned HTTP ${status}`, {
    kind: fields.kind ?? 'http',
    code: fields.code ?? 'http_error',
    method: fields.method ?? null,
    resultNumber: fields.resultNumber ?? null,
    resultText: fields.resultText ?? null,
    status: fields.status ?? status,
    field: fields.field ?? null,
    problems: fields.problems ?? [],
    notSent: fields.notSent ?? false,
    requestParams: null,
  });
}

/** Parses JSON text, or returns undefined when it is not JSON. */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// The client

/** Formats a Date as `YYYY-MM-DD` in the local time zone, as the direct client reads one. */
function localDate(date) {
  const pad = (number) => String(number).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Writes the options as JSON, with Dates as local calendar dates rather than UTC times. */
function optionsJson(callOptions) {
  const plain = Object.fromEntries(
    Object.entries(callOptions ?? {}).map(([name, value]) => [
      name,
      value instanceof Date && !Number.isNaN(value.getTime()) ? localDate(value) : value,
    ]),
  );
  return JSON.stringify({ options: plain });
}

/**
 * Returns whether options of an own-data method leave the partner to the gateway: they
 * are absent, or an object without `partnersCode` and `id`. Anything else goes to the
 * check as it is.
 */
function leavesPartnerToGateway(callOptions) {
  if (callOptions === undefined || callOptions === null) {
    return true;
  }
  if (typeof callOptions !== 'object' || Array.isArray(callOptions) || callOptions instanceof Map) {
    return false;
  }
  try {
    return callOptions.partnersCode === undefined && callOptions.id === undefined;
  } catch {
    return false;
  }
}

/**
 * Creates the gateway client. `ensureLoaded` loads the wasm module and `validate` checks a
 * method's options, throwing the OksoftError the direct client would. Throws a validation
 * OksoftError when `options` are invalid.
 */
export function createGatewayClient(options, { ensureLoaded, validate }) {
  const unknown = Object.keys(options).find((name) => !GATEWAY_OPTION_NAMES.includes(name));
  if (unknown !== undefined) {
    throw optionsError(`${unknown}: not an option of the gateway mode; it takes gatewayUrl, locale and fetch`, unknown);
  }
  if (typeof options.gatewayUrl !== 'string' || options.gatewayUrl.trim() === '') {
    throw optionsError('gatewayUrl: expected the URL of the partner gateway, such as /api/oksoft', 'gatewayUrl');
  }
  const locale = options.locale === 'en' ? 'en' : 'ru';
  const base = options.gatewayUrl.replace(/\/+$/, '');
  const fetchFunction = options.fetch ?? ((...args) => globalThis.fetch(...args));

  /**
   * Sends one call to the gateway route `route` and returns the `result` of its response.
   * `method` names the call in errors: the OKsoft wire name, or the gateway's route.
   */
  async function send(method, route, init, settings, sentOnce) {
    let response;
    try {
      response = await exchange(fetchFunction, `${base}/${route}`, init, settings);
    } catch (failure) {
      throw transportError(locale, method, sentOnce, failure);
    }
    const body = parseJson(response.text);
    if (!response.ok || body === null || typeof body !== 'object' || !('result' in body)) {
      throw errorFrom(body, response.status);
    }
    return body.result;
  }

  const client = {
    locale,
    /** Ends the visitor's session on the gateway. */
    async logout(requestOptions) {
      const settings = readCallSettings(locale, 'logout', requestOptions);
      await send('logout', 'logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }, settings, false);
    },
    /** Returns the visitor's session, `{ partnersCode, fio }`, or null. */
    async session(requestOptions) {
      const settings = readCallSettings(locale, 'session', requestOptions);
      return send('session', 'session', { method: 'GET' }, settings, false);
    },
    free() {},
  };
  for (const [name, wireName] of Object.entries(GATEWAY_METHODS)) {
    client[name] = async (callOptions, requestOptions) => {
      await ensureLoaded();
      const leftToGateway = OWN_DATA_METHODS.has(name) && leavesPartnerToGateway(callOptions);
      validate(name, leftToGateway ? { ...callOptions, partnersCode: CHECK_ONLY_PARTNERS_CODE } : callOptions, locale);
      const settings = readCallSettings(locale, wireName, requestOptions);
      const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: optionsJson(callOptions) };
      const result = await send(wireName, name, init, settings, SENT_ONCE_METHODS.has(name));
      if (result !== null && typeof result.createDate === 'string') {
        result.createDate = new Date(result.createDate);
      }
      return result;
    };
  }
  return client;
}
