// A hand-written JavaScript client for the OKsoft Service API, written the way an
// integrator would write one without oksoft-client: spark-md5, URLSearchParams, fetch
// and response.json(). It is the yardstick of bench/run.mjs, not part of the package.
//
// It returns the same result objects as OksoftClient (camelCase fields, `null` for
// absent values, `Date` for timestamps, money as two-decimal strings), so both clients
// do the same work per call. It checks required fields only, logs in lazily, keeps the
// ticket, and logs in again once when OKsoft rejects it. It does not retry failed
// requests, reject unknown options or tolerate the response variants OksoftClient
// accepts (WCF wrappers, XML, a byte-order mark).

import SparkMD5 from 'spark-md5';

export class BaselineError extends Error {
  constructor(message, { kind, method = null, status = null, resultNumber = null, resultText = null }) {
    super(message);
    this.name = 'BaselineError';
    this.kind = kind;
    this.method = method;
    this.status = status;
    this.resultNumber = resultNumber;
    this.resultText = resultText;
  }
}

/** Upper-case hexadecimal MD5 of the UTF-8 bytes of `text`, as OKsoft expects. */
export function md5Hex(text, letterCase = 'upper') {
  const hash = SparkMD5.hash(text);
  return letterCase === 'lower' ? hash : hash.toUpperCase();
}

/** Wire names of PartnersCreate fields; the option name is the same in camelCase. */
const PARTNERS_CREATE_WIRE_NAMES = [
  'Name', 'FirstName', 'Patronymic', 'ID', 'SponsorID', 'Login', 'INN', 'Sex',
  'Phone', 'PhoneTypes', 'PhoneComment', 'Phone2', 'Phone2Type', 'Phone2Comment',
  'Phone3', 'Phone3Type', 'Phone3Comment', 'Phone4', 'Phone4Type', 'Phone4Comment',
  'Email', 'Email2', 'ContactInformation', 'Info',
  'Country', 'Ind', 'Region', 'Rayon', 'City', 'Street', 'House', 'Korp', 'Stroenie', 'Flat',
  'CountryUr', 'IndUr', 'RegionUr', 'RayonUr', 'CityUr', 'StreetUr', 'HouseUr', 'KorpUr', 'StroenieUr', 'FlatUr',
  'PassportSeries', 'PassportNumber', 'PassportIssueDate', 'PassportIssueDept', 'PassportKod',
  'Birthday', 'Skype', 'Website', 'WebAlias', 'Languages', 'FlagEmailDoubleCheck', 'KPP', 'OKPO',
];

/** Option names that are not the wire name with a lower-case first letter. */
const IRREGULAR_OPTION_NAMES = { ID: 'id', SponsorID: 'sponsorId', INN: 'inn', KPP: 'kpp', OKPO: 'okpo' };

/** Option name to wire name, for PartnersCreate. */
const PARTNERS_CREATE_FIELDS = new Map(
  PARTNERS_CREATE_WIRE_NAMES.map((wireName) => [
    IRREGULAR_OPTION_NAMES[wireName] ?? wireName[0].toLowerCase() + wireName.slice(1),
    wireName,
  ]),
);

const DATE_FIELDS = new Set(['Birthday', 'PassportIssueDate']);

function invalid(method, message) {
  return new BaselineError(`${method}: ${message}`, { kind: 'validation', method });
}

function isGiven(value) {
  return value !== undefined && value !== null && value !== '';
}

function requireFields(method, options, names) {
  const missing = names.filter((name) => !isGiven(options[name]));
  if (missing.length > 0) {
    throw invalid(method, `missing required field(s) ${missing.join(', ')}`);
  }
}

const pad2 = (number) => String(number).padStart(2, '0');

/** Writes a `Date`, `YYYY-MM-DD` or `DD.MM.YYYY` as OKsoft's `DD-MM-YYYY`. */
function wireDate(method, field, value) {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `${pad2(value.getDate())}-${pad2(value.getMonth() + 1)}-${value.getFullYear()}`;
  }
  const text = String(value).trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    return `${match[3]}-${match[2]}-${match[1]}`;
  }
  match = /^(\d{2})[.\-/](\d{2})[.\-/](\d{4})$/.exec(text);
  if (match) {
    return `${match[1]}-${match[2]}-${match[3]}`;
  }
  throw invalid(method, `${field} is not a date; pass a Date, YYYY-MM-DD or DD.MM.YYYY`);
}

/** Writes an amount of money with two decimals; it must be positive. */
function wireAmount(method, value) {
  const amount = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  if (!Number.isFinite(amount) || amount <= 0) {
    throw invalid(method, `amount must be a positive number, got ${value}`);
  }
  return amount.toFixed(2);
}

function passwordHash(method, options) {
  if (isGiven(options.passwordMd5)) {
    return String(options.passwordMd5).toUpperCase();
  }
  if (isGiven(options.password)) {
    return md5Hex(String(options.password));
  }
  throw invalid(method, 'pass password or passwordMd5');
}

// Readers of response values: `null` for absent, as OksoftClient returns.

const text = (value) => (value === undefined || value === null ? null : String(value));

function integer(value) {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const number = Number(value);
  return Number.isInteger(number) ? number : null;
}

function flag(value) {
  if (value === true || value === 'Y' || value === 'y') {
    return true;
  }
  if (value === false || value === 'N' || value === 'n' || value === '') {
    return false;
  }
  return null;
}

function rate(value) {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Formats a balance as a decimal string with two decimals, such as `"1234.50"`. */
function money(value) {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const number = Number(value);
  return Number.isFinite(number) ? number.toFixed(2) : null;
}

/** Reads WCF's `/Date(1262427133000+0300)/` (UTC milliseconds) or an ISO 8601 string. */
function timestamp(value) {
  if (typeof value !== 'string') {
    return null;
  }
  const wcf = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  const date = wcf ? new Date(Number(wcf[1])) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `"0,128, 0"` as `"#008000"`. */
function cssColor(colorRgb) {
  if (typeof colorRgb !== 'string') {
    return null;
  }
  const channels = colorRgb.split(',').map((part) => Number(part.trim()));
  if (channels.length !== 3 || channels.some((channel) => !Number.isInteger(channel) || channel < 0 || channel > 255)) {
    return null;
  }
  return `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

function optionalValue(envelope, key) {
  const values = envelope.OptionalValues;
  if (Array.isArray(values)) {
    const entry = values.find((item) => item && typeof item.Key === 'string' && item.Key.toLowerCase() === key.toLowerCase());
    return entry ? text(entry.Value) : null;
  }
  return values && typeof values === 'object' ? text(values[key]) : null;
}

const toCodeName = (item) => ({ code: integer(item.Code), name: text(item.Name) });

const toCountry = (item) => ({ code: integer(item.Code), name: text(item.Name), kod: text(item.Kod) });

const toGroup = (item) => ({ code: integer(item.Code), name: text(item.Name), checked: flag(item.Checked) === true });

const toLanguage = (item) => ({
  code: integer(item.Code),
  alias: text(item.Alias),
  name: text(item.Name),
  sortOrder: integer(item.SortOrder),
  isDefault: flag(item.IsDefault),
  systemKey: text(item.SystemKey),
  culture: text(item.Culture),
  foreignName: text(item.ForeignName),
  isoName: text(item.IsoName),
  flagIcon: text(item.FlagIcon),
});

const toCurrency = (item) => ({
  code: integer(item.Code),
  name: text(item.Name),
  fullName: text(item.FullName),
  shortName: text(item.ShortName),
  colorRgb: text(item.ColorRGB),
  color: cssColor(item.ColorRGB),
  rate: rate(item.Rate),
});

const toAccount = (item) => ({
  code: integer(item.Code),
  longName: text(item.LongName),
  shortName: text(item.ShortName),
  stock: money(item.Stock),
});

function toPartner(item) {
  const sex = item.Sex && typeof item.Sex === 'object' ? toCodeName(item.Sex) : null;
  return {
    code: integer(item.Code),
    id: text(item.Id),
    login: text(item.Login),
    fio: text(item.Fio),
    name: text(item.Name),
    firstName: text(item.FirstName),
    patronymic: text(item.Patronymic),
    email: text(item.Email),
    phone: text(item.Phone),
    phone2: text(item.Phone2),
    city: text(item.City),
    countryName: text(item.CountryName),
    region: text(item.Region),
    rayon: text(item.Rayon),
    realAddress: text(item.RealAddress),
    contactInformation: text(item.ContactInformation),
    info: text(item.Info),
    createDate: timestamp(item.CreateDate),
    partnersGroupsList: Array.isArray(item.PartnersGroupsList) ? item.PartnersGroupsList.map(toGroup) : [],
    registrationAllowed: flag(item.RegistrationAllowed),
    serviceStop: flag(item.ServiceStop),
    sex,
    sponsorCode: integer(item.SponsorCode),
    webAlias: text(item.WebAlias),
  };
}

const acknowledgement = (envelope) => ({ resultNumber: envelope.ResultNumber, resultText: text(envelope.ResultText) });

function finResult(envelope) {
  const number = /[№#]\s*(\d+)/.exec(envelope.ResultText ?? '');
  return {
    transactionNumber: number ? Number(number[1]) : null,
    resultNumber: envelope.ResultNumber,
    resultText: text(envelope.ResultText),
  };
}

function isErrorEnvelope(body) {
  return body !== null && typeof body === 'object' && typeof body.ResultNumber === 'number' && body.ResultNumber < 0;
}

function expectArray(method, body) {
  if (!Array.isArray(body)) {
    throw new BaselineError(`${method}: expected a JSON array`, { kind: 'decode', method });
  }
  return body;
}

export class BaselineClient {
  constructor({ baseUrl, login, password, passwordMd5, servicePath = '/api/Service', timeoutMs = 15_000, fetch } = {}) {
    if (typeof baseUrl !== 'string' || !/^https?:\/\/[^/?#]+/i.test(baseUrl)) {
      throw invalid('options', 'baseUrl must be an http(s) URL');
    }
    requireFields('options', { login }, ['login']);
    this.serviceUrl = baseUrl.replace(/\/+$/, '') + servicePath;
    this.login = String(login);
    this.passwordMd5 = passwordHash('options', { password, passwordMd5 });
    this.timeoutMs = timeoutMs;
    this.fetchFunction = fetch ?? null;
    /** The UsersLogin in progress or done, shared by concurrent calls. */
    this.ticket = null;
  }

  /** Sends one request and returns the parsed JSON body; throws on HTTP errors. */
  async send(method, params, post = false) {
    const fetchFunction = this.fetchFunction ?? globalThis.fetch;
    const init = { method: post ? 'POST' : 'GET', signal: AbortSignal.timeout(this.timeoutMs) };
    let url;
    if (post) {
      url = `${this.serviceUrl}/${method}?Format=json`;
      init.headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' };
      init.body = new URLSearchParams(params).toString();
    } else {
      const query = new URLSearchParams(params);
      query.set('Format', 'json');
      url = `${this.serviceUrl}/${method}?${query}`;
    }

    let response;
    try {
      response = await fetchFunction(url, init);
    } catch (error) {
      const kind = error?.name === 'TimeoutError' ? 'timeout' : 'network';
      throw new BaselineError(`${method}: ${error?.message ?? error}`, { kind, method });
    }
    if (!response.ok) {
      throw new BaselineError(`${method}: the server returned HTTP ${response.status}`, { kind: 'http', method, status: response.status });
    }
    try {
      return await response.json();
    } catch {
      // OKsoft returns an empty body for PartnersGet with an unknown Id.
      if (method === 'PartnersGet' && response.headers.get('content-length') === '0') {
        throw new BaselineError('PartnersGet: partner not found', { kind: 'api', method });
      }
      throw new BaselineError(`${method}: the response is not valid JSON`, { kind: 'decode', method });
    }
  }

  async logIn() {
    const body = await this.send('UsersLogin', { Login: this.login, Password: this.passwordMd5 });
    if (isErrorEnvelope(body) || typeof body?.Ticket !== 'string' || body.Ticket === '') {
      throw new BaselineError(`UsersLogin: login rejected: ${body?.ResultText ?? 'no Ticket'}`, {
        kind: 'auth',
        method: 'UsersLogin',
        resultNumber: body?.ResultNumber ?? null,
        resultText: body?.ResultText ?? null,
      });
    }
    return body;
  }

  /** Returns the service login, logging in first when there is none. */
  serviceLogin() {
    if (this.ticket === null) {
      this.ticket = this.logIn().catch((error) => {
        this.ticket = null;
        throw error;
      });
    }
    return this.ticket;
  }

  /** Sends an operation with the ticket; logs in again once when OKsoft rejects it. */
  async call(method, params = {}, post = false) {
    for (let attempt = 0; ; attempt += 1) {
      const pendingLogin = this.serviceLogin();
      const login = await pendingLogin;
      const body = await this.send(method, { ...params, Ticket: login.Ticket }, post);
      if (!isErrorEnvelope(body)) {
        return body;
      }
      if (attempt === 0 && /ticket/i.test(body.ResultText ?? '')) {
        // Keep a ticket that another call renewed meanwhile.
        if (this.ticket === pendingLogin) {
          this.ticket = null;
        }
        continue;
      }
      throw new BaselineError(`${method}: ${body.ResultText ?? 'OKsoft returned an error'}`, {
        kind: 'api',
        method,
        resultNumber: body.ResultNumber,
        resultText: text(body.ResultText),
      });
    }
  }

  async usersLogin() {
    this.ticket = null;
    return acknowledgement(await this.serviceLogin());
  }

  async partnersLogin(options = {}) {
    requireFields('PartnersLogin', options, ['login']);
    const params = { Login: String(options.login), Password: passwordHash('PartnersLogin', options) };
    const body = await this.call('PartnersLogin', params);
    const partnersTicket = optionalValue(body, 'PartnersTicket');
    if (partnersTicket === null || integer(body.ResultCodeValue) === null) {
      throw new BaselineError('PartnersLogin: no PartnersTicket or partner code in the response', { kind: 'decode', method: 'PartnersLogin' });
    }
    return {
      partnersCode: integer(body.ResultCodeValue),
      fio: optionalValue(body, 'Fio'),
      partnersTicket,
      resultText: text(body.ResultText),
    };
  }

  async partnersPasswordResetCreate(options = {}) {
    requireFields('PartnersPasswordResetCreate', options, ['email']);
    return acknowledgement(await this.call('PartnersPasswordResetCreate', { Email: String(options.email).trim() }));
  }

  async partnersGet(options = {}) {
    const byCode = isGiven(options.partnersCode);
    if (byCode === isGiven(options.id)) {
      throw invalid('PartnersGet', 'pass exactly one of partnersCode and id');
    }
    const params = byCode ? { PartnersCode: String(options.partnersCode) } : { Id: String(options.id) };
    const body = await this.call('PartnersGet', params);
    if (body === null || typeof body !== 'object' || integer(body.Code) === null) {
      throw new BaselineError('PartnersGet: expected a partner object', { kind: 'decode', method: 'PartnersGet' });
    }
    return toPartner(body);
  }

  async countriesListGet() {
    return expectArray('CountriesListGet', await this.call('CountriesListGet')).map(toCountry);
  }

  async sexListGet() {
    return expectArray('SexListGet', await this.call('SexListGet')).map(toCodeName);
  }

  async phoneTypesListGet() {
    return expectArray('PhoneTypesListGet', await this.call('PhoneTypesListGet')).map(toCodeName);
  }

  async languagesListGet() {
    return expectArray('LanguagesListGet', await this.call('LanguagesListGet')).map(toLanguage);
  }

  async partnersGroupsListGet() {
    return expectArray('PartnersGroupsListGet', await this.call('PartnersGroupsListGet')).map(toGroup);
  }

  async partnersCreate(options = {}) {
    const method = 'PartnersCreate';
    requireFields(method, options, ['name', 'firstName', 'email', 'birthday']);
    const params = {};
    for (const [option, value] of Object.entries(options)) {
      const wireName = PARTNERS_CREATE_FIELDS.get(option);
      if (wireName === undefined || !isGiven(value)) {
        continue;
      }
      if (DATE_FIELDS.has(wireName)) {
        params[wireName] = wireDate(method, option, value);
      } else if (wireName === 'FlagEmailDoubleCheck') {
        params[wireName] = value === true || value === 'Y' ? 'Y' : 'N';
      } else {
        params[wireName] = String(value).trim();
      }
    }
    if (isGiven(options.password) || isGiven(options.passwordMd5)) {
      params.Password = passwordHash(method, options);
      const confirmation = { password: options.confirmPassword, passwordMd5: options.confirmPasswordMd5 };
      const confirmed = isGiven(confirmation.password) || isGiven(confirmation.passwordMd5) ? passwordHash(method, confirmation) : params.Password;
      if (confirmed !== params.Password) {
        throw invalid(method, 'password and confirmation differ');
      }
      params.ConfirmPassword = confirmed;
    }
    const body = await this.call(method, params, true);
    if (integer(body.ResultCodeValue) === null) {
      throw new BaselineError('PartnersCreate: no partner code in the response', { kind: 'decode', method });
    }
    return { partnersCode: integer(body.ResultCodeValue), resultText: text(body.ResultText) };
  }

  async currenciesList() {
    return expectArray('CurrenciesList', await this.call('CurrenciesList')).map(toCurrency);
  }

  async accountsListGet(options = {}) {
    const method = 'AccountsListGet';
    requireFields(method, options, ['accountsShortName', 'currencyCode']);
    const group = String(options.accountsShortName).toUpperCase();
    if (group !== 'PLA' && group !== 'KASSA') {
      throw invalid(method, 'accountsShortName must be PLA or KASSA');
    }
    if (group === 'PLA') {
      requireFields(method, options, ['partnersCode']);
    }
    const params = { AccountsShortName: group };
    if (isGiven(options.partnersCode)) {
      params.PartnersCode = String(options.partnersCode);
    }
    params.CurrencyCode = String(options.currencyCode);
    return expectArray(method, await this.call(method, params)).map(toAccount);
  }

  finInCome(options = {}) {
    return this.moveMoney('FinInCome', options);
  }

  finOutCome(options = {}) {
    return this.moveMoney('FinOutCome', options);
  }

  async moveMoney(method, options) {
    requireFields(method, options, ['validationTransaction', 'accountsRsCode', 'accountsKsCode', 'amount', 'currencyCode']);
    const mode = String(options.validationTransaction).toLowerCase();
    if (mode !== 'validation' && mode !== 'transaction') {
      throw invalid(method, 'validationTransaction must be validation or transaction');
    }
    const params = {
      ValidationTransaction: mode,
      AccountsRsCode: String(options.accountsRsCode),
      AccountsKsCode: String(options.accountsKsCode),
      Amount: wireAmount(method, options.amount),
      CurrencyCode: String(options.currencyCode),
    };
    if (isGiven(options.comment)) {
      params.Comment = String(options.comment);
    }
    return finResult(await this.call(method, params));
  }
}
