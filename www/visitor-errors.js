// Visitor texts for rejected calls, chosen by the error's `code` in the page's language.
// OksoftError.message is written for developers. It names methods and options and quotes
// OKsoft's Russian text, and the gateway words its refusals in English only, so the page
// never shows it. This module has no DOM code, so Node tests can import it.

const TEXTS = {
  ru: {
    checkInput: 'Проверьте введённые данные.',
    wrongLogin: 'Неверный логин или пароль.',
    registrationRejected:
      'Регистрация не принята. Возможно, этот e-mail, логин или реферальный псевдоним уже заняты. Проверьте данные и попробуйте ещё раз.',
    registrationOutcomeUnknown:
      'Не удалось узнать, прошла ли регистрация. Прежде чем регистрироваться снова, попробуйте войти с новым логином.',
    emailNotRegistered: 'Партнёр с таким e-mail не найден. Проверьте адрес.',
    partnerNotFound: 'Данные партнёра не найдены. Выйдите и войдите снова.',
    insufficientFunds: 'На счёте недостаточно средств.',
    requestRejected: 'Запрос не принят. Проверьте данные и попробуйте ещё раз.',
    loginRequired: 'Сеанс завершён. Войдите снова.',
    originRejected: 'Кабинет не принимает запросы со страницы по этому адресу. Откройте кабинет по его основному адресу.',
    rateLimited: 'Слишком много попыток. Попробуйте позже.',
    rateLimitedFor: (wait) => `Слишком много попыток. Повторите попытку через ${wait}.`,
    noConnection: 'Нет связи с сервером. Проверьте подключение к интернету и попробуйте ещё раз.',
    timedOut: 'Сервер не ответил вовремя. Попробуйте ещё раз.',
    aborted: 'Запрос отменён.',
    serviceUnavailable: 'Сервис временно недоступен. Попробуйте позже.',
    outcomeUnknown: 'Не удалось узнать, выполнен ли запрос. Прежде чем повторять, проверьте результат.',
    unexpected: 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.',
  },
  en: {
    checkInput: 'Check the data you entered.',
    wrongLogin: 'Wrong login or password.',
    registrationRejected:
      'The registration was not accepted. This e-mail, login or referral alias may already be taken. Check the details and try again.',
    registrationOutcomeUnknown:
      'We could not find out whether the registration went through. Try to sign in with the new login before you register again.',
    emailNotRegistered: 'No partner has this e-mail. Check the address.',
    partnerNotFound: 'Your partner details were not found. Sign out and sign in again.',
    insufficientFunds: 'The account balance is too low.',
    requestRejected: 'The request was not accepted. Check the details and try again.',
    loginRequired: 'Your session has ended. Sign in again.',
    originRejected: 'The cabinet does not accept requests from a page at this address. Open the cabinet at its usual address.',
    rateLimited: 'Too many attempts. Try again later.',
    rateLimitedFor: (wait) => `Too many attempts. Try again in ${wait}.`,
    noConnection: 'No connection to the server. Check your internet connection and try again.',
    timedOut: 'The server did not answer in time. Try again.',
    aborted: 'The request was cancelled.',
    serviceUnavailable: 'The service is temporarily unavailable. Try again later.',
    outcomeUnknown: 'We could not find out whether the request went through. Check the result before you repeat it.',
    unexpected: 'Something went wrong. Reload the page and try again.',
  },
};

/**
 * Key in TEXTS for every `code` of OksoftError: the `ErrorCode` union of the package's
 * declarations, the gateway's refusals included.
 */
export const TEXT_KEY_BY_CODE = {
  // Input checks. A form shows them beside their fields with FIELD_TEXTS instead.
  missing_field: 'checkInput',
  too_long: 'checkInput',
  invalid_integer: 'checkInput',
  invalid_email: 'checkInput',
  invalid_date: 'checkInput',
  invalid_choice: 'checkInput',
  password_mismatch: 'checkInput',

  // Options that only the page's code sets, so the visitor cannot correct them.
  unknown_field: 'unexpected',
  invalid_type: 'unexpected',
  invalid_flag: 'unexpected',
  invalid_amount: 'unexpected',
  invalid_md5: 'unexpected',
  invalid_url: 'unexpected',
  conflicting_fields: 'unexpected',
  invalid_option: 'unexpected',
  operation_not_allowed: 'unexpected',
  foreign_partner: 'unexpected',
  forbidden_value: 'unexpected',
  method_not_allowed: 'unexpected',
  body_too_large: 'unexpected',
  invalid_body: 'unexpected',

  // OKsoft's errors about the partner and the partner's data.
  partner_login_failed: 'wrongLogin',
  registration_rejected: 'registrationRejected',
  email_not_registered: 'emailNotRegistered',
  partner_not_found: 'partnerNotFound',
  insufficient_funds: 'insufficientFunds',
  api_error: 'requestRejected',

  // The gateway's session, origin check and attempt limit.
  login_required: 'loginRequired',
  origin_rejected: 'originRejected',
  rate_limited: 'rateLimited',

  // The connection between the page, the gateway and OKsoft.
  network_error: 'noConnection',
  timeout: 'timedOut',
  aborted: 'aborted',

  // Failures of OKsoft, of the integration account or of the gateway, which the
  // visitor can only wait out.
  service_login_failed: 'serviceUnavailable',
  ticket_rejected: 'serviceUnavailable',
  http_error: 'serviceUnavailable',
  empty_response: 'serviceUnavailable',
  xml_response: 'serviceUnavailable',
  html_response: 'serviceUnavailable',
  invalid_json: 'serviceUnavailable',
  unexpected_response: 'serviceUnavailable',
  gateway_failed: 'serviceUnavailable',
};

/** Key in TEXTS by `kind`, for a code this page does not know yet. */
const TEXT_KEY_BY_KIND = {
  validation: 'checkInput',
  network: 'noConnection',
  timeout: 'timedOut',
  aborted: 'aborted',
  http: 'serviceUnavailable',
  decode: 'serviceUnavailable',
};

/** Texts for one invalid form field: by the `code` of its problem, a length limit, a fallback. */
const FIELD_TEXTS = {
  ru: {
    byCode: {
      missing_field: 'Заполните это поле.',
      too_long: 'Слишком длинное значение.',
      invalid_email: 'Введите адрес электронной почты, например name@example.ru.',
      invalid_date: 'Укажите существующую дату.',
      invalid_integer: 'Введите целое число.',
      invalid_choice: 'Выберите значение из списка.',
      password_mismatch: 'Пароли не совпадают.',
    },
    atMost: (length) => `Допустимо не больше ${length}.`,
    other: 'Проверьте это поле.',
  },
  en: {
    byCode: {
      missing_field: 'Fill in this field.',
      too_long: 'This value is too long.',
      invalid_email: 'Enter an e-mail address such as name@example.com.',
      invalid_date: 'Enter a real date.',
      invalid_integer: 'Enter a whole number.',
      invalid_choice: 'Choose a value from the list.',
      password_mismatch: 'The passwords do not match.',
    },
    atMost: (length) => `Use at most ${length}.`,
    other: 'Check this field.',
  },
};

/**
 * Units by CLDR plural category. The Russian forms fit the phrases above: the accusative
 * after «через» for waits, the genitive after «не больше» for lengths.
 */
const UNITS = {
  ru: {
    second: { one: 'секунду', few: 'секунды', many: 'секунд', other: 'секунды' },
    minute: { one: 'минуту', few: 'минуты', many: 'минут', other: 'минуты' },
    character: { one: 'символа', few: 'символов', many: 'символов', other: 'символа' },
  },
  en: {
    second: { one: 'second', other: 'seconds' },
    minute: { one: 'minute', other: 'minutes' },
    character: { one: 'character', other: 'characters' },
  },
};

function localeOf(locale) {
  return locale === 'en' ? 'en' : 'ru';
}

/** Formats `count` with its unit in the plural form `locale` needs, such as "5 минут". */
function countWithUnit(count, unit, locale) {
  const forms = UNITS[locale][unit];
  const category = new Intl.PluralRules(locale).select(count);
  return `${count} ${forms[category] ?? forms.other}`;
}

/** Formats a wait in whole seconds: seconds under a minute, else minutes rounded up. */
export function formatWait(seconds, locale) {
  const language = localeOf(locale);
  if (seconds < 60) {
    return countWithUnit(seconds, 'second', language);
  }
  return countWithUnit(Math.ceil(seconds / 60), 'minute', language);
}

/**
 * Returns the visitor text for a rejected call in `locale` (`ru` or `en`).
 * `retryAfterSeconds` is the gateway's Retry-After for a `rate_limited` refusal, when
 * the page has it. Anything that is not an OksoftError gets the generic text.
 */
export function describeError(error, locale, { retryAfterSeconds = null } = {}) {
  const texts = TEXTS[localeOf(locale)];
  if (error === null || typeof error !== 'object' || typeof error.kind !== 'string') {
    return texts.unexpected;
  }
  // The call may have taken effect, so a plain "try again" could register a partner twice.
  if (error.kind === 'outcome_unknown') {
    return error.method === 'PartnersCreate' ? texts.registrationOutcomeUnknown : texts.outcomeUnknown;
  }
  if (error.code === 'rate_limited' && Number.isInteger(retryAfterSeconds) && retryAfterSeconds > 0) {
    return texts.rateLimitedFor(formatWait(retryAfterSeconds, locale));
  }
  // Own properties only: a code such as `constructor` or `__proto__` would otherwise
  // find a member of Object.prototype instead of a text key.
  const key = ownValue(TEXT_KEY_BY_CODE, error.code) ?? ownValue(TEXT_KEY_BY_KIND, error.kind) ?? 'unexpected';
  return texts[key];
}

/** Returns `table[name]` when it is the table's own property, else undefined. */
function ownValue(table, name) {
  return typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Returns the visitor text for one invalid form field in `locale`. `maxLength` is the
 * field's own limit, shown for a `too_long` problem when it is known.
 */
export function describeFieldProblem(problem, locale, { maxLength = null } = {}) {
  const language = localeOf(locale);
  const texts = FIELD_TEXTS[language];
  if (problem?.code === 'too_long' && Number.isInteger(maxLength) && maxLength > 0) {
    return texts.atMost(countWithUnit(maxLength, 'character', language));
  }
  return Object.hasOwn(texts.byCode, problem?.code ?? '') ? texts.byCode[problem.code] : texts.other;
}
