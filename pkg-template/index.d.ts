// Types of the oksoft-client package.

export type Locale = 'ru' | 'en';

export interface OksoftClientOptions {
  /** Scheme, host and port of the OKsoft site, such as `https://shop.example.ru`. */
  baseUrl: string;
  /** Login of the integration account. */
  login: string;
  /** Password of the integration account; hashed with MD5 before it is sent. */
  password?: string;
  /** MD5 of the password as 32 hexadecimal digits, instead of `password`. */
  passwordMd5?: string;
  /** Service path, `/api/Service` by default; some servers use `/api/Service.svc`. */
  servicePath?: string;
  /** Per-request timeout in milliseconds, 15000 by default. */
  timeoutMs?: number;
  /** Language of the library's own messages, `ru` by default. */
  locale?: Locale;
  /** Letter case of MD5 hashes sent, `upper` by default. */
  md5Case?: 'upper' | 'lower';
  /** Wire format of dates, `DD-MM-YYYY` by default. */
  dateFormat?: 'DD-MM-YYYY' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'DDMMYYYY';
  /** Whether to add `Format=json` to every request, `true` by default. */
  sendFormatJson?: boolean;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

export type PasswordInput = { password: string; passwordMd5?: never } | { passwordMd5: string; password?: never };

export interface Acknowledgement { resultNumber: number; resultText: string | null }
export interface PartnerSession { partnersCode: number; fio: string | null; partnersTicket: string; resultText: string | null }
export interface PartnerCreated { partnersCode: number; resultText: string | null }
export interface FinResult { transactionNumber: number | null; resultNumber: number; resultText: string | null }
export interface CodeName { code: number; name: string | null }
export interface Country { code: number; name: string | null; kod: string | null }
export interface Language {
  code: number; alias: string | null; name: string | null; sortOrder: number | null; isDefault: boolean | null;
  systemKey: string | null; culture: string | null; foreignName: string | null; isoName: string | null; flagIcon: string | null;
}
export interface PartnersGroup { code: number; name: string | null; checked: boolean }
export interface Currency {
  code: number; name: string | null; fullName: string | null; shortName: string | null;
  /** As sent by OKsoft, such as `"0,128, 0"`. */
  colorRgb: string | null;
  /** `colorRgb` as a CSS colour, such as `"#008000"`. */
  color: string | null;
  rate: number | null;
}
export interface Account { code: number; longName: string | null; shortName: string | null; stock: string | null }
export interface Partner {
  code: number; id: string | null; login: string | null; fio: string | null; name: string | null;
  firstName: string | null; patronymic: string | null; email: string | null; phone: string | null; phone2: string | null;
  city: string | null; countryName: string | null; region: string | null; rayon: string | null; realAddress: string | null;
  contactInformation: string | null; info: string | null; createDate: Date | null; partnersGroupsList: PartnersGroup[];
  registrationAllowed: boolean | null; serviceStop: boolean | null; sex: CodeName | null; sponsorCode: number | null;
  webAlias: string | null;
}

/** A `Date` (its calendar day in the local time zone), `YYYY-MM-DD` or `DD.MM.YYYY`. */
export type DateInput = Date | string;
export type Code = number | string;
export type Amount = number | string;

export interface PartnersCreateInput {
  name: string; firstName: string; email: string; birthday: DateInput;
  patronymic?: string; id?: string; sponsorId?: string; login?: string; inn?: string; sex?: Code;
  phone?: string; phoneTypes?: Code; phoneComment?: string;
  phone2?: string; phone2Type?: Code; phone2Comment?: string;
  phone3?: string; phone3Type?: Code; phone3Comment?: string;
  phone4?: string; phone4Type?: Code; phone4Comment?: string;
  email2?: string; contactInformation?: string; info?: string;
  country?: Code; ind?: string; region?: string; rayon?: string; city?: string; street?: string;
  house?: string; korp?: string; stroenie?: string; flat?: string;
  countryUr?: Code; indUr?: string; regionUr?: string; rayonUr?: string; cityUr?: string; streetUr?: string;
  houseUr?: string; korpUr?: string; stroenieUr?: string; flatUr?: string;
  passportSeries?: string; passportNumber?: string; passportIssueDate?: DateInput; passportIssueDept?: string;
  passportKod?: string; skype?: string; website?: string; webAlias?: string; languages?: Code;
  flagEmailDoubleCheck?: 'Y' | 'N' | boolean; kpp?: string; okpo?: string;
  password?: string; passwordMd5?: string; confirmPassword?: string; confirmPasswordMd5?: string;
}

export interface FinInput {
  validationTransaction: 'validation' | 'transaction';
  accountsRsCode: Code; accountsKsCode: Code; amount: Amount; currencyCode: Code; comment?: string;
}

export type ErrorKind = 'validation' | 'api' | 'auth' | 'http' | 'network' | 'timeout' | 'aborted' | 'decode';

export interface FieldProblem { field: string; code: string; message: string }

export class OksoftError extends Error {
  readonly name: 'OksoftError';
  readonly kind: ErrorKind;
  readonly code: string;
  readonly method: string | null;
  readonly resultNumber: number | null;
  readonly resultText: string | null;
  readonly status: number | null;
  readonly field: string | null;
  readonly problems: FieldProblem[];
}

export class OksoftClient {
  constructor(options: OksoftClientOptions);
  readonly locale: Locale;
  usersLogin(options?: Record<string, never>): Promise<Acknowledgement>;
  partnersLogin(options: { login: string } & PasswordInput): Promise<PartnerSession>;
  partnersPasswordResetCreate(options: { email: string }): Promise<Acknowledgement>;
  partnersGet(options: { partnersCode: Code; id?: never } | { id: string; partnersCode?: never }): Promise<Partner>;
  countriesListGet(options?: Record<string, never>): Promise<Country[]>;
  sexListGet(options?: Record<string, never>): Promise<CodeName[]>;
  phoneTypesListGet(options?: Record<string, never>): Promise<CodeName[]>;
  languagesListGet(options?: Record<string, never>): Promise<Language[]>;
  partnersGroupsListGet(options?: Record<string, never>): Promise<PartnersGroup[]>;
  partnersCreate(options: PartnersCreateInput): Promise<PartnerCreated>;
  currenciesList(options?: Record<string, never>): Promise<Currency[]>;
  accountsListGet(options: { accountsShortName: 'PLA' | 'KASSA'; partnersCode?: Code; currencyCode: Code }): Promise<Account[]>;
  finInCome(options: FinInput): Promise<FinResult>;
  finOutCome(options: FinInput): Promise<FinResult>;
  free(): void;
}

/** MD5 of the UTF-8 bytes of `text` in hexadecimal, upper case unless `letterCase` is `lower`. */
export function md5Hex(text: string, letterCase?: 'upper' | 'lower'): string;

/** Browsers: loads the wasm module now; otherwise the first method call loads it. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Browsers: instantiates the wasm module from its bytes. */
export function initSync(bytes: BufferSource): void;
