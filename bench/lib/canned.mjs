// Canned OKsoft responses and the calls the per-call benchmarks make, shared by the Node
// run and the browser page. Plain ES module with no Node or DOM imports.
//
// The bodies follow the examples of OKsoft's integration guide and what the emulator
// returns. The partner profile adds a WCF creation date, so both clients parse one.

const PARTNER_PROFILE = {
  City: 'Таганрог',
  Code: 24,
  ContactInformation: null,
  CountryName: null,
  CreateDate: '/Date(1262427133000+0300)/',
  Email: 'antonina@bk.ru',
  Fio: 'Кузнецова Антонина Петровна',
  FirstName: 'Антонина',
  Id: '5518',
  Info: 'хороший клиент',
  Login: null,
  Name: 'Кузнецова',
  PartnersGroupsList: [
    { Checked: 'Y', Code: 2, Name: 'Дистрибьютор' },
    { Checked: 'Y', Code: 108, Name: 'Купил стартовый пакет' },
  ],
  Patronymic: 'Петровна',
  Phone: '9895000345',
  Phone2: '8-495-424-56-89',
  Rayon: null,
  RealAddress: null,
  Region: null,
  RegistrationAllowed: false,
  ServiceStop: null,
  Sex: { Code: 2, Name: 'Женский' },
  SponsorCode: 3,
  WebAlias: '123123123',
};

/** Number of entries in the canned CountriesListGet response. */
export const COUNTRY_COUNT = 250;

const COUNTRY_NAMES = ['Россия', 'Белоруссия', 'Украина', 'Казахстан', 'Армения', 'Молдова', 'Грузия', 'Латвия', 'Литва', 'Эстония'];

/** Builds a deterministic country directory: real-looking names, two-letter codes, some null. */
function countries() {
  return Array.from({ length: COUNTRY_COUNT }, (_, index) => ({
    Code: 13 + index,
    Name: index < COUNTRY_NAMES.length ? COUNTRY_NAMES[index] : `Страна ${index + 1}`,
    Kod: index % 3 === 0 ? null : String.fromCharCode(65 + (index % 26), 65 + ((index * 7) % 26)),
  }));
}

/** Response body of each operation, by wire name. */
export const RESPONSE_BODIES = {
  UsersLogin: { ResultNumber: 1, ResultText: 'OK', Ticket: '5CEE2279-3293-4A1E-957D-51026F262178' },
  PartnersLogin: {
    OptionalValues: [
      { Key: 'Fio', Value: 'Кузнецова Антонина Петровна' },
      { Key: 'PartnersTicket', Value: '69b09364-8d53-44c1-aee8-15e5c6fd3b2d' },
    ],
    ResultCodeValue: 24,
    ResultNumber: 1,
    ResultText: 'Ok',
  },
  PartnersGet: PARTNER_PROFILE,
  AccountsListGet: [{ Code: 15162, LongName: 'ЛСК', ShortName: 'PLA', Stock: 1234.5 }],
  CountriesListGet: countries(),
  PartnersCreate: { ResultCodeValue: 1059, ResultNumber: 1, ResultText: 'Новый партнер успешно создан' },
};

/** PartnersCreate options: every field but `passwordMd5` and `confirmPasswordMd5`, the alternatives of the two plain passwords given. */
export const PARTNERS_CREATE_OPTIONS = {
  name: 'Кузнецова',
  firstName: 'Антонина',
  patronymic: 'Петровна',
  id: '5519',
  sponsorId: '5518',
  login: 'antonina2',
  inn: '771234567890',
  sex: 2,
  phone: '9895000345',
  phoneTypes: 1,
  phoneComment: 'мобильный',
  phone2: '8-495-424-56-89',
  phone2Type: 2,
  phone2Comment: 'рабочий',
  phone3: '8-863-400-00-01',
  phone3Type: 3,
  phone3Comment: 'домашний',
  phone4: '8-800-100-00-00',
  phone4Type: 1,
  phone4Comment: 'запасной',
  email: 'antonina2@bk.ru',
  email2: 'antonina.work@bk.ru',
  contactInformation: 'звонить после 18:00',
  info: 'пришла по рекомендации',
  country: 13,
  ind: '347900',
  region: 'Ростовская область',
  rayon: 'Таганрогский',
  city: 'Таганрог',
  street: 'Петровская',
  house: '12',
  korp: '2',
  stroenie: '1',
  flat: '45',
  countryUr: 13,
  indUr: '347900',
  regionUr: 'Ростовская область',
  rayonUr: 'Таганрогский',
  cityUr: 'Таганрог',
  streetUr: 'Чехова',
  houseUr: '3',
  korpUr: '1',
  stroenieUr: '1',
  flatUr: '10',
  passportSeries: '6005',
  passportNumber: '123456',
  passportIssueDate: '2005-04-12',
  passportIssueDept: 'ОВД города Таганрога',
  passportKod: '612-045',
  birthday: '1971-11-11',
  skype: 'antonina.k',
  website: 'https://example.ru/antonina',
  webAlias: 'antonina2',
  languages: 1,
  flagEmailDoubleCheck: true,
  kpp: '615401001',
  okpo: '1234567890',
  password: 'qwe?rt%y',
  confirmPassword: 'qwe?rt%y',
};

/** The calls measured per operation: method name and its options. */
export const MEASURED_CALLS = [
  { operation: 'PartnersLogin', method: 'partnersLogin', options: { login: '5518', password: 'demo' } },
  { operation: 'PartnersGet', method: 'partnersGet', options: { partnersCode: 24 } },
  { operation: 'AccountsListGet', method: 'accountsListGet', options: { accountsShortName: 'PLA', partnersCode: 24, currencyCode: 1 } },
  { operation: `CountriesListGet (${COUNTRY_COUNT})`, method: 'countriesListGet', options: undefined },
  { operation: 'PartnersCreate (all fields)', method: 'partnersCreate', options: PARTNERS_CREATE_OPTIONS },
];

/** Base URL both clients are given; the canned fetch never contacts it. */
export const CANNED_BASE_URL = 'http://oksoft.invalid';

const encoder = new TextEncoder();

/** Each body as UTF-8 bytes, encoded once so the fetch does no encoding per call. */
const RESPONSE_BYTES = Object.fromEntries(
  Object.entries(RESPONSE_BODIES).map(([operation, body]) => [operation, encoder.encode(JSON.stringify(body))]),
);

const RESPONSE_INIT = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } };

/** Returns the wire name in a request URL: its last path segment. */
function operationOf(url) {
  const queryStart = url.indexOf('?');
  const pathEnd = queryStart === -1 ? url.length : queryStart;
  return url.slice(url.lastIndexOf('/', pathEnd) + 1, pathEnd);
}

/**
 * Resolves from memory to a new `Response` with the canned body of the operation the
 * URL names, or to a 404 for an operation without one: a `fetch` that opens no socket.
 */
export function cannedFetch(url) {
  const bytes = RESPONSE_BYTES[operationOf(String(url))];
  if (bytes === undefined) {
    return Promise.resolve(new Response('not found', { status: 404 }));
  }
  return Promise.resolve(new Response(bytes, RESPONSE_INIT));
}

/** Options of both clients, with the canned fetch. */
export function clientOptions(fetchFunction = cannedFetch) {
  return { baseUrl: CANNED_BASE_URL, login: 'demo', password: 'demo', fetch: fetchFunction };
}
