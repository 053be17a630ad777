// The gateway mode of OksoftClient in browsers: `new OksoftClient({ gatewayUrl })` calls
// the storefront's partner gateway instead of OKsoft, so the page never has the
// integration account. Options are checked with the library's own rules first, and every
// failure is an OksoftError with its message in the client's locale.

import { OksoftError } from './oksoft-error.js';
import { closestKnownName } from './option-names.js';

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

/** Options of the direct client that have no meaning in gateway mode. */
const DIRECT_OPTION_NAMES = [
  'baseUrl',
  'login',
  'password',
  'passwordMd5',
  'servicePath',
  'timeoutMs',
  'maxRetries',
  'md5Case',
  'dateFormat',
  'sendFormatJson',
  'shareLogin',
];

const CALL_OPTION_NAMES = ['timeoutMs', 'signal'];

/** Maximum per-call timeout in milliseconds (ten minutes), the direct client's limit. */
const MAX_TIMEOUT_MS = 600_000;

/** Maximum length of a caller's value quoted in a message, in characters. */
const MAX_QUOTED_CHARS = 60;

/** Maximum length of OKsoft's resultText quoted in a message, in characters, as in the direct client. */
const MAX_SERVER_TEXT_CHARS = 500;

/**
 * Codes of the refusals the gateway sends before it calls OKsoft, so the request never
 * reached OKsoft. `gateway_failed` is missing because the gateway may fail after the call.
 */
const REFUSED_BEFORE_OKSOFT = new Set([
  'origin_rejected',
  'operation_not_allowed',
  'login_required',
  'foreign_partner',
  'forbidden_value',
  'rate_limited',
  'method_not_allowed',
  'body_too_large',
  'invalid_body',
]);

/** Node's error codes for a connection that was refused or a host that was not found. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

// ---------------------------------------------------------------------------
// Messages

/**
 * The library's messages in gateway mode. `{0}` is the field or the method, `{1}` and
 * `{2}` the details. Where the direct client reports the same problem, the text is the
 * one in src/protocol/messages.rs, and gateway-client.test.mjs compares both clients'
 * messages for call options and the locale.
 */
const MESSAGES = {
  ru: {
    clientOptions: 'настройки клиента',
    invalidInput: '{0}: неверные параметры, запрос не отправлен. {1}',
    missing: '{0}: обязательное поле не заполнено',
    unknownSuggested: '{0}: неизвестный параметр; возможно, имелся в виду {1}',
    unknown: '{0}: неизвестный параметр; уберите его или проверьте написание',
    directOption: '{0}: параметр прямого клиента; в режиме шлюза допустимы только gatewayUrl, locale и fetch, а учётная запись интеграции остаётся на сервере',
    retriesOnServer: '{0}: в режиме шлюза запросы повторяет клиент шлюза на сервере, по своему maxRetries; уберите этот параметр',
    wrongType: '{0}: ожидается {1}, передано значение типа {2}',
    notOneOf: '{0}: допустимые значения: {2}; передано {1}',
    outOfRange: '{0}: допустимо целое число от {2}, передано {1}',
    rangeSeparator: ' до ',
    unreadable: '{0}: значение не удалось прочитать, геттер или Proxy выбросил исключение; передайте обычное значение',
    invalidGatewayUrl: '{0}: {1} не подходит; нужен путь вроде /api/oksoft или адрес http(s) без ?, # и пароля',
    crossOriginGatewayUrl: '{0}: {1} ведёт на другой источник, чем страница ({2}); браузер не отправит туда cookie сеанса, укажите путь вроде /api/oksoft на сервере страницы',
    network: '{0}: сетевая ошибка, шлюз {1} не ответил ({2}); проверьте gatewayUrl и сеть',
    timeout: '{0}: нет ответа за {1} мс; повторите позже или увеличьте timeoutMs',
    aborted: '{0}: запрос отменён вызывающим кодом',
    http: '{0}: шлюз {1} ответил HTTP {2}',
    httpRateLimited: 'шлюз ограничил частоту запросов, повторите позже',
    httpServerFailed: 'ошибка на стороне сервера, повторите позже',
    httpCheckUrl: 'проверьте gatewayUrl',
    decode: '{0}: {1}; проверьте gatewayUrl ({2})',
    emptyResponse: 'пустой ответ',
    htmlResponse: 'HTML-страница вместо JSON (неверный адрес или ошибка сервера?)',
    invalidJson: 'ответ не является корректным JSON',
    unexpectedResponse: 'ответ неожиданной формы',
    notSent: '{0}. Запрос не дошёл до сервера, его можно повторить.',
    outcomeUnknown: '{0}. Операция могла выполниться, а могла и нет. Не повторяйте вслепую: сначала проверьте, выполнилась ли операция.',
    refusals: {
      origin_rejected: '{0}: шлюз отклонил запрос, потому что он пришёл не с разрешённого источника; откройте страницу по адресу из allowedOrigins шлюза',
      operation_not_allowed: '{0}: шлюз не выполняет эту операцию для посетителей',
      login_required: '{0}: нужен вход партнёра; сначала вызовите partnersLogin',
      foreign_partner: '{0}: доступны только данные вошедшего партнёра; уберите partnersCode и Id или передайте значения этого партнёра',
      forbidden_value: '{0}: шлюз не принимает значение поля {1}',
      rate_limited: '{0}: слишком много попыток; повторите позже',
      method_not_allowed: '{0}: шлюз не принимает этот HTTP-метод',
      body_too_large: '{0}: тело запроса больше, чем принимает шлюз (его maxBodyBytes); передайте более короткие параметры',
      invalid_body: '{0}: шлюз не смог прочитать тело запроса как JSON вида {"options": {...}}',
      gateway_failed: '{0}: сбой шлюза на сервере; повторите позже',
    },
    okSoftHints: {
      service_login_failed: 'OKsoft отклонил вход учётной записи интеграции шлюза; проверьте её login и пароль на сервере',
      partner_login_failed: 'проверьте логин (или Id) и пароль контрагента',
      ticket_rejected: 'Ticket отклонён и после повторного входа; проверьте учётную запись интеграции шлюза',
      partner_not_found: 'контрагент не найден; проверьте код или Id',
      insufficient_funds: 'на счёте недостаточно средств',
      email_not_registered: 'контрагент с таким e-mail не зарегистрирован',
      registration_rejected: 'OKsoft отклонил регистрацию',
      api_error: 'OKsoft вернул ошибку',
    },
    rateLimitedFor: '{0}: слишком много попыток; повторите через {1} с',
    relayedInvalidInput: '{0}: клиент шлюза на сервере отклонил параметры ({1}), запрос в OKsoft не отправлен',
    relayedFailure: '{0}: запрос шлюза к OKsoft не удался ({1})',
    expected: {
      text: 'строка',
      integer: 'целое число',
      function: 'функция',
      object: 'объект',
      abortSignal: 'AbortSignal',
    },
  },
  en: {
    clientOptions: 'client options',
    invalidInput: '{0}: invalid input, nothing was sent. {1}',
    missing: '{0}: required field is missing',
    unknownSuggested: '{0}: unknown option; did you mean {1}?',
    unknown: '{0}: unknown option; remove it or check the spelling',
    directOption: '{0}: an option of the direct client; gateway mode takes only gatewayUrl, locale and fetch, and the integration account stays on the server',
    retriesOnServer: '{0}: in gateway mode the gateway\'s own client retries on the server, as its maxRetries sets; remove this option',
    wrongType: '{0}: expected {1}, got a value of type {2}',
    notOneOf: '{0}: expected one of {2}, got {1}',
    outOfRange: '{0}: expected a whole number from {2}, got {1}',
    rangeSeparator: ' to ',
    unreadable: '{0}: reading the value threw (a getter or Proxy trap); pass a plain value',
    invalidGatewayUrl: '{0}: {1} is not usable; expected a path such as /api/oksoft or an http(s) URL without ?, # or credentials',
    crossOriginGatewayUrl: '{0}: {1} is on another origin than the page ({2}), so the browser would not send the session cookie there; use a path such as /api/oksoft on the page\'s own server',
    network: '{0}: network error, no response from the gateway {1} ({2}); check gatewayUrl and the network',
    timeout: '{0}: no response within {1} ms; retry later or raise timeoutMs',
    aborted: '{0}: the request was aborted by the caller',
    http: '{0}: the gateway {1} returned HTTP {2}',
    httpRateLimited: 'the gateway is limiting the request rate; retry later',
    httpServerFailed: 'the server failed; retry later',
    httpCheckUrl: 'check gatewayUrl',
    decode: '{0}: {1}; check gatewayUrl ({2})',
    emptyResponse: 'empty response',
    htmlResponse: 'an HTML page instead of JSON (wrong address or a server error?)',
    invalidJson: 'the response is not valid JSON',
    unexpectedResponse: 'a response of unexpected shape',
    notSent: '{0}. The request never reached the server, so it is safe to repeat.',
    outcomeUnknown: '{0}. The operation may or may not have happened. Do not repeat it blindly: first check whether the operation took effect.',
    refusals: {
      origin_rejected: '{0}: the gateway rejected the request because it does not come from an allowed origin; open the page at an address in the gateway\'s allowedOrigins',
      operation_not_allowed: '{0}: the gateway does not allow this operation for visitors',
      login_required: '{0}: a partner login is required; call partnersLogin first',
      foreign_partner: '{0}: only the logged-in partner\'s own data is available; leave out partnersCode and Id or pass that partner\'s values',
      forbidden_value: '{0}: the gateway does not accept this value of {1}',
      rate_limited: '{0}: too many attempts; retry later',
      method_not_allowed: '{0}: the gateway does not accept this HTTP method',
      body_too_large: '{0}: the request body is larger than the gateway accepts (its maxBodyBytes); pass shorter options',
      invalid_body: '{0}: the gateway could not read the request body as JSON of the form {"options": {...}}',
      gateway_failed: '{0}: the gateway failed on the server; retry later',
    },
    okSoftHints: {
      service_login_failed: 'OKsoft rejected the login of the gateway\'s integration account; check its login and password on the server',
      partner_login_failed: 'partner login rejected; check the partner\'s login (or Id) and password',
      ticket_rejected: 'ticket rejected even after logging in again; check the gateway\'s integration account',
      partner_not_found: 'partner not found; check the code or Id',
      insufficient_funds: 'the account balance is too low',
      email_not_registered: 'no partner is registered with this e-mail',
      registration_rejected: 'OKsoft rejected the registration',
      api_error: 'OKsoft returned an error',
    },
    rateLimitedFor: '{0}: too many attempts; retry in {1} s',
    relayedInvalidInput: '{0}: the gateway\'s client on the server rejected the options ({1}), nothing was sent to OKsoft',
    relayedFailure: '{0}: the gateway\'s request to OKsoft failed ({1})',
    expected: {
      text: 'a string',
      integer: 'an integer',
      function: 'a function',
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

// ---------------------------------------------------------------------------
// Validation

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
    missing: (field) => add(field, 'missing_field', 'missing'),
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
    notOneOf: (field, value, allowed) => add(field, 'invalid_choice', 'notOneOf', quote(value), allowed.join(', ')),
    outOfRange: (field, value, min, max) => add(field, 'invalid_integer', 'outOfRange', quote(String(value)), `${min}${texts.rangeSeparator}${max}`),
    unreadable: (field) => add(field, 'invalid_type', 'unreadable'),
    invalidGatewayUrl: (field, value) => add(field, 'invalid_url', 'invalidGatewayUrl', quote(value)),
    crossOriginGatewayUrl: (field, value, pageOrigin) => add(field, 'invalid_url', 'crossOriginGatewayUrl', quote(value), pageOrigin),
  };
}

/** Builds the validation OksoftError of `method` (null for client options), with the first problem's code. */
function validationError(locale, method, problems) {
  const texts = MESSAGES[locale];
  const details = problems.map((problem) => problem.message).join('; ');
  return new OksoftError(fill(texts.invalidInput, [method ?? texts.clientOptions, details]), {
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

/** Returns the locale the options request when it is valid, else the default `ru`. */
function requestedLocale(options) {
  try {
    return typeof options.locale === 'string' && options.locale.trim().toLowerCase() === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

/** Returns the page's origin when the client runs in a page served over http(s), else null. */
function pageOrigin() {
  try {
    const origin = globalThis.location?.origin;
    return typeof origin === 'string' && /^https?:\/\//.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Returns null for a gateway URL that can take route names after a slash, else `'invalid'`
 * or `'cross-origin'`. A usable URL is http(s) without a query, fragment or credentials.
 * A relative value must stay on the page's origin, so `//host` and `/\host` are invalid.
 * In a page, an absolute URL must be on the page's origin too, because requests carry
 * the session cookie only there (`credentials: 'same-origin'`).
 */
function gatewayUrlProblem(gatewayUrl, origin) {
  if (/[?#\s]/.test(gatewayUrl)) {
    return 'invalid';
  }
  const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(gatewayUrl);
  // Without a page, relative URLs are resolved against a placeholder origin.
  const base = origin ?? 'http://page.invalid';
  let parsed;
  try {
    parsed = new URL(gatewayUrl, `${base}/`);
  } catch {
    return 'invalid';
  }
  const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  if (!isHttp || parsed.username !== '' || parsed.password !== '') {
    return 'invalid';
  }
  if (!isAbsolute && parsed.origin !== base) {
    return 'invalid';
  }
  if (isAbsolute && origin !== null && parsed.origin !== origin) {
    return 'cross-origin';
  }
  return null;
}

/**
 * Checks the constructor's options in gateway mode and returns `{ displayUrl, base,
 * locale, fetchFunction }`. Throws a validation OksoftError listing every invalid option.
 */
function readGatewayOptions(options) {
  const locale = requestedLocale(options);
  const list = problemList(locale);
  const values = {};
  for (const [name, value] of readEntries(options, list) ?? []) {
    if (name === 'maxRetries') {
      list.notInGatewayMode(name, 'retriesOnServer');
    } else if (DIRECT_OPTION_NAMES.includes(name)) {
      list.notInGatewayMode(name, 'directOption');
    } else if (!GATEWAY_OPTION_NAMES.includes(name)) {
      list.unknown(name, GATEWAY_OPTION_NAMES);
    } else {
      values[name] = value;
    }
  }

  const { gatewayUrl, locale: localeOption, fetch: fetchOption } = values;
  if (gatewayUrl === undefined || gatewayUrl === null || (typeof gatewayUrl === 'string' && gatewayUrl.trim() === '')) {
    list.missing('gatewayUrl');
  } else if (typeof gatewayUrl !== 'string') {
    list.wrongType('gatewayUrl', 'text', gatewayUrl);
  } else {
    const origin = pageOrigin();
    const problem = gatewayUrlProblem(gatewayUrl.trim(), origin);
    if (problem === 'invalid') {
      list.invalidGatewayUrl('gatewayUrl', gatewayUrl);
    } else if (problem === 'cross-origin') {
      list.crossOriginGatewayUrl('gatewayUrl', gatewayUrl, origin);
    }
  }
  if (typeof localeOption === 'string') {
    if (localeOption.trim() !== '' && !['ru', 'en'].includes(localeOption.trim().toLowerCase())) {
      list.notOneOf('locale', localeOption, ['ru', 'en']);
    }
  } else if (localeOption !== undefined && localeOption !== null) {
    list.wrongType('locale', 'text', localeOption);
  }
  if (fetchOption !== undefined && fetchOption !== null && typeof fetchOption !== 'function') {
    list.wrongType('fetch', 'function', fetchOption);
  }

  if (list.problems.length > 0) {
    throw validationError(locale, null, list.problems);
  }
  return {
    displayUrl: gatewayUrl.trim(),
    base: gatewayUrl.trim().replace(/\/+$/, ''),
    locale,
    fetchFunction: fetchOption ?? ((...args) => globalThis.fetch(...args)),
  };
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
 * Describes a failed fetch as `{ kind, detail, notSent }`: an AbortError is an abort,
 * anything else a network failure named by its name, message and Node's `cause.code`.
 */
function describeFetchFailure(error, thrownBeforeSend) {
  if (error?.name === 'AbortError') {
    return { kind: 'aborted', detail: '', notSent: thrownBeforeSend };
  }
  const message = typeof error?.message === 'string' ? error.message : String(error);
  const cause = error?.cause !== null && typeof error?.cause === 'object' ? error.cause : null;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const causeMessage = typeof cause?.message === 'string' && cause.message !== message ? cause.message : null;

  let detail = typeof error?.name === 'string' ? `${error.name}: ${message}` : message;
  if (code !== null || causeMessage !== null) {
    detail += ` (${code ?? causeMessage})`;
  }
  return { kind: 'network', detail, notSent: thrownBeforeSend || NOT_SENT_CODES.includes(code) };
}

/**
 * Sends one request and reads its body as text. Resolves to `{ status, ok, text,
 * retryAfter }`, the last being the Retry-After header or null, or
 * rejects with `{ kind, detail, notSent }` when `settings.timeoutMs` passed, the caller's
 * signal fired or fetch failed. The timer and the signal decide even when an injected
 * fetch ignores the signal it was given.
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
      throw describeFetchFailure(error, true);
    }
    const response = await Promise.race([pending, stopped]);
    const text = await Promise.race([response.text(), stopped]);
    return { status: response.status, ok: response.ok, text, retryAfter: response.headers?.get?.('retry-after') ?? null };
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
    throw describeFetchFailure(failure, false);
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
  const outcomeUnknown = sentOnce && !notSent;
  return new OksoftError(withOutcome(locale, message, { outcomeUnknown, notSent }), {
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

/** Appends to `message` that the call is safe to repeat, or that its outcome is unknown. */
function withOutcome(locale, message, { outcomeUnknown, notSent }) {
  const texts = MESSAGES[locale];
  if (outcomeUnknown) {
    return fill(texts.outcomeUnknown, [message]);
  }
  return notSent ? fill(texts.notSent, [message]) : message;
}

/** Builds the error of a failed exchange: network, timeout or aborted. */
function transportError(locale, displayUrl, method, sentOnce, failure) {
  const texts = MESSAGES[locale];
  const messages = {
    network: () => fill(texts.network, [method, displayUrl, failure.detail]),
    timeout: () => fill(texts.timeout, [method, failure.detail]),
    aborted: () => fill(texts.aborted, [method]),
  };
  const code = failure.kind === 'network' ? 'network_error' : failure.kind;
  return callError(locale, { kind: failure.kind, code, method, message: messages[failure.kind](), notSent: failure.notSent, sentOnce });
}

/**
 * Builds the error of an HTTP status without the gateway's error body, such as a proxy's page.
 * Like the direct client, it counts 429 as unsent and 5xx as maybe applied.
 */
function statusError(locale, displayUrl, method, sentOnce, status) {
  const texts = MESSAGES[locale];
  let hint = texts.httpCheckUrl;
  if (status === 429) {
    hint = texts.httpRateLimited;
  } else if (status >= 500) {
    hint = texts.httpServerFailed;
  }
  const message = `${fill(texts.http, [method, displayUrl, String(status)])}; ${hint}`;
  const maybeApplied = status >= 500 && status <= 599;
  return callError(locale, { kind: 'http', code: 'http_error', method, message, status, notSent: status === 429, sentOnce: sentOnce && maybeApplied });
}

/** Builds the error of a 2xx response whose body is not the gateway's `{ "result": ... }`. */
function decodeError(locale, displayUrl, method, sentOnce, text, status) {
  const texts = MESSAGES[locale];
  let code = 'unexpected_response';
  if (text.trim() === '') {
    code = 'empty_response';
  } else if (text.trimStart().startsWith('<')) {
    code = 'html_response';
  } else if (parseJson(text) === undefined) {
    code = 'invalid_json';
  }
  const description = {
    empty_response: texts.emptyResponse,
    html_response: texts.htmlResponse,
    invalid_json: texts.invalidJson,
    unexpected_response: texts.unexpectedResponse,
  }[code];
  const message = fill(texts.decode, [method, description, displayUrl]);
  return callError(locale, { kind: 'decode', code, method, message, status, notSent: false, sentOnce });
}

/** Parses JSON text, or returns undefined when it is not JSON. */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Quotes OKsoft's resultText and ResultNumber after `lead`, as the direct client does. */
function withServerText(lead, resultText, resultNumber) {
  const characters = [...(typeof resultText === 'string' ? resultText.trim() : '')];
  let quoted = characters.slice(0, MAX_SERVER_TEXT_CHARS).join('');
  if (characters.length > MAX_SERVER_TEXT_CHARS) {
    quoted += '…';
  }
  const number = Number.isInteger(resultNumber) ? ` (ResultNumber ${resultNumber})` : '';
  return quoted === '' ? `${lead}${number}` : `${lead}: «${quoted}»${number}`;
}

/**
 * Words the gateway's error in the client's locale from its fields, or returns null for
 * a code and kind this client does not know. The gateway's server-side client wrote the
 * message in its own locale, and the gateway words its refusals in English.
 */
function relayedMessage(locale, fields, method, notSent, retryAfter) {
  const texts = MESSAGES[locale];
  const { code, kind } = fields;
  if (Object.hasOwn(texts.refusals, code)) {
    const seconds = Number(retryAfter);
    if (code === 'rate_limited' && retryAfter !== null && Number.isInteger(seconds) && seconds > 0) {
      return fill(texts.rateLimitedFor, [method, String(seconds)]);
    }
    return fill(texts.refusals[code], [method, typeof fields.field === 'string' ? fields.field : 'options']);
  }
  if ((kind === 'api' || kind === 'auth') && Object.hasOwn(texts.okSoftHints, code)) {
    return withServerText(`${method}: ${texts.okSoftHints[code]}`, fields.resultText, fields.resultNumber);
  }
  if (kind === 'validation') {
    const problems = Array.isArray(fields.problems) ? fields.problems : [];
    const names = problems.map((problem) => `${problem?.field}: ${problem?.code}`).join(', ');
    return fill(texts.relayedInvalidInput, [method, names === '' ? String(code) : names]);
  }
  if (['network', 'timeout', 'aborted', 'http', 'decode', 'outcome_unknown'].includes(kind)) {
    const detail = Number.isInteger(fields.status) ? `${code}, HTTP ${fields.status}` : String(code);
    const message = fill(texts.relayedFailure, [method, detail]);
    return withOutcome(locale, message, { outcomeUnknown: kind === 'outcome_unknown', notSent });
  }
  return null;
}

/**
 * Turns the gateway's error body into the OksoftError the direct client would reject with.
 * The message is worded again in `locale` where the code is known; otherwise the gateway's
 * message is kept, and `fallbackMessage` serves a body without one. OKsoft's resultText
 * is kept unchanged.
 */
function errorFrom(locale, fields, { method, status, retryAfter, fallbackMessage }) {
  const named = typeof fields.method === 'string' ? fields.method : method;
  const notSent = REFUSED_BEFORE_OKSOFT.has(fields.code) || fields.notSent === true;
  const gatewayMessage = typeof fields.message === 'string' ? fields.message : fallbackMessage;
  return new OksoftError(relayedMessage(locale, fields, named, notSent, retryAfter) ?? gatewayMessage, {
    kind: fields.kind ?? 'http',
    code: fields.code ?? 'http_error',
    method: named,
    resultNumber: fields.resultNumber ?? null,
    resultText: fields.resultText ?? null,
    status: fields.status ?? status,
    field: fields.field ?? null,
    problems: fields.problems ?? [],
    notSent,
    requestParams: null,
  });
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
 * Returns the caller's options with CHECK_ONLY_PARTNERS_CODE added, for the check of an
 * own-data method. Each field is a getter over the caller's, so a getter that throws
 * becomes that field's validation problem. Options whose keys cannot be listed are
 * returned unchanged for the check to report.
 */
function withCheckOnlyPartner(callOptions) {
  let names;
  try {
    names = Object.keys(callOptions ?? {});
  } catch {
    return callOptions;
  }
  const copy = {};
  for (const name of names) {
    Object.defineProperty(copy, name, { enumerable: true, configurable: true, get: () => callOptions[name] });
  }
  copy.partnersCode = CHECK_ONLY_PARTNERS_CODE;
  return copy;
}

/**
 * Creates the gateway client. `ensureLoaded` loads the wasm module and `validate` checks a
 * method's options, throwing the OksoftError the direct client would. Throws a validation
 * OksoftError when `options` are invalid.
 */
export function createGatewayClient(options, { ensureLoaded, validate }) {
  const { displayUrl, base, locale, fetchFunction } = readGatewayOptions(options);

  /**
   * Sends one call to the gateway route `route` and returns the `result` of its response.
   * `method` names the call in errors: the OKsoft wire name, or the gateway's route.
   */
  async function send(method, route, init, settings, sentOnce) {
    let response;
    try {
      response = await exchange(fetchFunction, `${base}/${route}`, init, settings);
    } catch (failure) {
      throw transportError(locale, displayUrl, method, sentOnce, failure);
    }
    const body = parseJson(response.text);
    if (response.ok && body !== null && typeof body === 'object' && 'result' in body) {
      return body.result;
    }
    if (body?.error !== null && typeof body?.error === 'object') {
      const fallbackMessage = statusError(locale, displayUrl, method, false, response.status).message;
      throw errorFrom(locale, body.error, { method, status: response.status, retryAfter: response.retryAfter, fallbackMessage });
    }
    if (!response.ok) {
      throw statusError(locale, displayUrl, method, sentOnce, response.status);
    }
    throw decodeError(locale, displayUrl, method, sentOnce, response.text, response.status);
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
      validate(name, leftToGateway ? withCheckOnlyPartner(callOptions) : callOptions, locale);
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
