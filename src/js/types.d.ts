// Types of the OksoftClient class, embedded in wasm-bindgen's declarations. The option
// types of each operation are generated from the operation catalogue by build.rs.

export type Locale = 'ru' | 'en';

/**
 * Options of `new OksoftClient(...)`: the settings and exactly one form of the password,
 * or, in browsers, the gateway mode.
 */
export type OksoftClientOptions = GatewayClientOptions | (OksoftClientSettings &
  (
    | {
        /** Password of the integration account; hashed with MD5 before it is sent. */
        password: string;
        passwordMd5?: never;
      }
    | {
        password?: never;
        /** MD5 of the password as 32 hexadecimal digits. */
        passwordMd5: string;
      }
  ));

/**
 * Gateway mode, in browsers only: calls go to the storefront's partner gateway, which
 * holds the integration account, and offer the partner methods plus `logout()`.
 */
export interface GatewayClientOptions {
  /** URL of the partner gateway, such as `/api/oksoft`. */
  gatewayUrl: string;
  locale?: Locale;
  fetch?: typeof fetch;
}

/** Options of `new OksoftClient(...)` other than the password. */
export interface OksoftClientSettings {
  /** Scheme, host and port of the OKsoft site, such as `https://shop.example.ru`. */
  baseUrl: string;
  /** Login of the integration account. */
  login: string;
  /** Service path, `/api/Service` by default; some servers use `/api/Service.svc`. */
  servicePath?: string;
  /** Per-request timeout in milliseconds, 15000 by default. */
  timeoutMs?: number;
  /** Attempts after the first for idempotent calls, 2 by default (0 to 10). */
  maxRetries?: number;
  /** Language of the library's own messages, `ru` by default. */
  locale?: Locale;
  /** Letter case of MD5 hashes sent, `upper` by default. */
  md5Case?: 'upper' | 'lower';
  /** Wire format of dates, `DD-MM-YYYY` by default. */
  dateFormat?: 'DD-MM-YYYY' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'DDMMYYYY';
  /** Whether to add `Format=json` to every request, `true` by default. */
  sendFormatJson?: boolean;
  /**
   * Whether concurrent calls without a ticket wait for one shared UsersLogin, `true` by
   * default. Set `false` in Cloudflare Workers, which cancel a request that waits for
   * another request's I/O; each such call then logs in itself.
   */
  shareLogin?: boolean;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

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
export type ErrorKind =
  | 'validation'
  | 'api'
  | 'auth'
  | 'http'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'decode'
  | 'outcome_unknown';

/** Settings of one call, the second argument of every method. */
export interface RequestOptions {
  /** Timeout of each attempt in milliseconds; the client's `timeoutMs` by default. */
  timeoutMs?: number;
  /** Attempts after the first for idempotent calls (0 to 10); the client's by default. */
  maxRetries?: number;
  /** Cancels the call; it then rejects with kind `aborted`. */
  signal?: AbortSignal;
}

/** Stable case name of an error; src/protocol/error.rs lists the same names. */
export type ErrorCode =
  | 'missing_field'
  | 'unknown_field'
  | 'invalid_type'
  | 'too_long'
  | 'invalid_integer'
  | 'invalid_email'
  | 'invalid_flag'
  | 'invalid_date'
  | 'invalid_amount'
  | 'invalid_choice'
  | 'invalid_md5'
  | 'invalid_url'
  | 'password_mismatch'
  | 'conflicting_fields'
  | 'api_error'
  | 'partner_not_found'
  | 'insufficient_funds'
  | 'email_not_registered'
  | 'registration_rejected'
  | 'service_login_failed'
  | 'partner_login_failed'
  | 'ticket_rejected'
  | 'http_error'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'empty_response'
  | 'xml_response'
  | 'html_response'
  | 'invalid_json'
  | 'unexpected_response'
  // Refusals of the partner gateway, and options the browser client rejects in gateway mode.
  | 'origin_rejected'
  | 'operation_not_allowed'
  | 'login_required'
  | 'foreign_partner'
  | 'forbidden_value'
  | 'rate_limited'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'invalid_body'
  | 'gateway_failed'
  | 'invalid_option';

/** One invalid input field of a validation error. */
export interface FieldProblem { field: string; code: ErrorCode; message: string }
