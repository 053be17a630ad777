// Types of the oksoft-client package. The direct client's methods, their option types
// (generated from the Rust operation catalogue) and their result types come from
// wasm-bindgen's declarations. This file adds what the JS entry files define: the
// OksoftClient constructor with its gateway mode, the gateway and the error class.

import type {
  Account,
  Acknowledgement,
  CodeName,
  CountriesListGetOptions,
  Country,
  CurrenciesListOptions,
  Currency,
  ErrorCode,
  ErrorKind,
  FieldProblem,
  GatewayClientOptions,
  Language,
  LanguagesListGetOptions,
  Locale,
  OksoftClient as WasmClient,
  OksoftClientOptions as ClientOrGatewayOptions,
  Partner,
  PartnerCreated,
  PartnersCreateOptions,
  PartnersGroup,
  PartnersGroupsListGetOptions,
  PartnersLoginOptions,
  PartnersPasswordResetCreateOptions,
  PhoneTypesListGetOptions,
  SexListGetOptions,
} from './web/oksoft_client.js';

// Named exports only, so wasm-bindgen's loader types (InitInput, InitOutput) stay private.
export { md5Hex, wasmMemorySize } from './web/oksoft_client.js';
export type {
  Account,
  Acknowledgement,
  CodeName,
  Country,
  Currency,
  DateInput,
  ErrorCode,
  ErrorKind,
  FieldProblem,
  FinResult,
  Language,
  Locale,
  OksoftClientSettings,
  GatewayClientOptions,
  Partner,
  PartnerCreated,
  PartnerSession,
  PartnersGroup,
  RequestOptions,
  UsersLoginOptions,
  PartnersLoginOptions,
  PartnersPasswordResetCreateOptions,
  PartnersGetOptions,
  CountriesListGetOptions,
  SexListGetOptions,
  PhoneTypesListGetOptions,
  LanguagesListGetOptions,
  PartnersGroupsListGetOptions,
  PartnersCreateOptions,
  CurrenciesListOptions,
  AccountsListGetOptions,
  FinInComeOptions,
  FinOutComeOptions,
} from './web/oksoft_client.js';

/** A direct client, with the integration account: for servers and scripts. */
export type OksoftClient = WasmClient;

/**
 * Options of `new OksoftClient(...)` for a direct client: the settings and exactly one
 * form of the password. GatewayClientOptions are those of the gateway mode.
 */
export type OksoftClientOptions = Exclude<ClientOrGatewayOptions, GatewayClientOptions>;

/**
 * The OksoftClient class. With `gatewayUrl`, in the browser entry only, it creates a
 * GatewayClient; the Node entry has no gateway mode and rejects the option.
 */
export interface OksoftClientConstructor {
  /** Gateway mode: calls go to the storefront's partner gateway. */
  new (options: GatewayClientOptions): GatewayClient;
  /** Checks the options and creates a direct client; it logs in on the first call. */
  new (options: OksoftClientOptions): OksoftClient;
  readonly prototype: OksoftClient;
}
export const OksoftClient: OksoftClientConstructor;

/** Settings of one call in gateway mode: the second argument of each method, the only one of `session()` and `logout()`. */
export interface GatewayRequestOptions {
  /**
   * Timeout of the whole request to the gateway in milliseconds (1 to 600000), the
   * gateway's retries on the server included; none by default. The call then rejects
   * with kind `timeout`. The gateway's client retries on the server as its own
   * `maxRetries` sets, so gateway mode takes no `maxRetries`.
   */
  timeoutMs?: number;
  /** Cancels the call; it then rejects with kind `aborted`. */
  signal?: AbortSignal;
}

/** Options of `partnersGet` in gateway mode, which reads the logged-in partner's own profile. */
export interface GatewayPartnersGetOptions {
  /** The session's partner code, which the gateway fills in when it is left out; another code is refused. */
  partnersCode?: number;
}

/** Options of `accountsListGet` in gateway mode, which lists the logged-in partner's own personal accounts. */
export interface GatewayAccountsListGetOptions {
  /** `PLA`, the personal accounts; the gateway refuses the company's cash desks (`KASSA`). */
  accountsShortName: 'PLA';
  currencyCode: number;
  /** The session's partner code, which the gateway fills in when it is left out; another code is refused. */
  partnersCode?: number;
}

/** The visitor's session on the partner gateway. */
export interface GatewaySession {
  partnersCode: number;
  fio: string | null;
}

/** The result of `partnersLogin` in gateway mode; the partner's ticket stays on the gateway. */
export interface GatewayLoginResult extends GatewaySession {
  resultText: string | null;
}

/**
 * A client in gateway mode, which `new OksoftClient({ gatewayUrl })` returns in the
 * browser entry. It has the partner methods of the direct client, sent to the
 * storefront's partner gateway, plus `session()` and `logout()`.
 */
export interface GatewayClient {
  /** The locale of the library's messages: `ru` or `en`. */
  readonly locale: Locale;
  /** Logs a partner in (PartnersLogin); the gateway starts the visitor's session, kept in an HttpOnly cookie. */
  partnersLogin(options: PartnersLoginOptions, requestOptions?: GatewayRequestOptions): Promise<GatewayLoginResult>;
  partnersPasswordResetCreate(options: PartnersPasswordResetCreateOptions, requestOptions?: GatewayRequestOptions): Promise<Acknowledgement>;
  partnersCreate(options: PartnersCreateOptions, requestOptions?: GatewayRequestOptions): Promise<PartnerCreated>;
  countriesListGet(options?: CountriesListGetOptions, requestOptions?: GatewayRequestOptions): Promise<Country[]>;
  sexListGet(options?: SexListGetOptions, requestOptions?: GatewayRequestOptions): Promise<CodeName[]>;
  phoneTypesListGet(options?: PhoneTypesListGetOptions, requestOptions?: GatewayRequestOptions): Promise<CodeName[]>;
  languagesListGet(options?: LanguagesListGetOptions, requestOptions?: GatewayRequestOptions): Promise<Language[]>;
  partnersGroupsListGet(options?: PartnersGroupsListGetOptions, requestOptions?: GatewayRequestOptions): Promise<PartnersGroup[]>;
  currenciesList(options?: CurrenciesListOptions, requestOptions?: GatewayRequestOptions): Promise<Currency[]>;
  /** Reads the logged-in partner's profile; before a login it rejects with code `login_required`. */
  partnersGet(options?: GatewayPartnersGetOptions, requestOptions?: GatewayRequestOptions): Promise<Partner>;
  /** Lists the logged-in partner's personal accounts in one currency. */
  accountsListGet(options: GatewayAccountsListGetOptions, requestOptions?: GatewayRequestOptions): Promise<Account[]>;
  /** Resolves to the visitor's session, or null when no partner is logged in. */
  session(requestOptions?: GatewayRequestOptions): Promise<GatewaySession | null>;
  /** Ends the visitor's session on the gateway. */
  logout(requestOptions?: GatewayRequestOptions): Promise<void>;
  /** Does nothing, because a gateway client has no wasm memory to release. It exists so code may free either kind of client. */
  free(): void;
}

/** The error every OksoftClient method rejects with, and the constructor throws. */
export class OksoftError extends Error {
  readonly name: 'OksoftError';
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  /**
   * OKsoft wire name of the operation; in gateway mode `session` or `logout` for those
   * calls; `null` for client options.
   */
  readonly method: string | null;
  readonly resultNumber: number | null;
  /** The server's `ResultText`, unchanged. */
  readonly resultText: string | null;
  readonly status: number | null;
  /** The first invalid field of a validation error. */
  readonly field: string | null;
  /** Every invalid field of a validation error. */
  readonly problems: FieldProblem[];
  /** True when the request certainly never reached the server, so repeating it is safe. */
  readonly notSent: boolean;
  /**
   * For `outcome_unknown` of a direct client: the wire parameters that were sent, secrets
   * as `***`, so the caller can check whether the operation took effect. Always `null` in
   * gateway mode, where the page has the options it passed.
   */
  readonly requestParams: Record<string, string> | null;
}

/**
 * Loads the wasm module now in browsers and workers. The first client call does it
 * otherwise, but a partner gateway in a worker needs it first. Resolves at once in Node
 * and Deno.
 */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export { init };
/**
 * Instantiates the wasm module synchronously in browsers and workers, from its bytes or a
 * compiled module, given alone or as `{ module }`. Does nothing in Node and Deno.
 */
export function initSync(module: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

/** Options of a partner gateway. */
export interface PartnerGatewayOptions {
  /** A direct client with the integration account; it never leaves the server. */
  client: OksoftClient;
  /**
   * Origins of the storefront's pages, each scheme, host and port only, such as
   * `https://shop.example.ru`; by default the origin of each request's URL.
   */
  allowedOrigins?: string[];
  /** Path prefix the gateway is mounted at, such as `/api/oksoft`; `''` by default. */
  basePath?: string;
  /** Lifetime of a visitor's session in milliseconds, at least 1000; 30 minutes by default. */
  sessionTtlMs?: number;
  /** Largest request body accepted, 16384 bytes by default. */
  maxBodyBytes?: number;
  /**
   * Attempts allowed per client address and per login or e-mail, 10 by default. A failed
   * partner login counts, and so does every password reset. A successful login does not
   * count, nor does a call that certainly never reached OKsoft. Registrations are limited
   * to this many per client address, every call counting, and successful logins to 10
   * times this many per client address.
   */
  maxAttempts?: number;
  /** Window of `maxAttempts` in milliseconds, 15 minutes by default. */
  attemptWindowMs?: number;
  /**
   * Name of the session cookie, `oksoft_session` by default. Names starting with
   * `__Host-` or `__Secure-` are rejected, because browsers drop such cookies over http.
   */
  cookieName?: string;
  /** Most sessions kept at once, 100000 by default; a login beyond it ends the oldest session. */
  maxSessions?: number;
}

/** Facts about a request that the Fetch API's Request does not carry. */
export interface PartnerGatewayContext {
  /** The client's IP address, for the per-address rate limit; requests without one share a single limit. */
  clientAddress?: string;
}

/** A partner gateway over the Fetch API's Request and Response, for Node, Deno and workers. */
export interface PartnerGateway {
  handle(request: Request, context?: PartnerGatewayContext): Promise<Response>;
}

/** The parts of node:http's request the adapter reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string; encrypted?: boolean };
}

/** The parts of node:http's response the adapter writes. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): void;
  end(body: Uint8Array | string): void;
}

/**
 * Creates a partner gateway on a server: Node, Deno, or a worker or edge runtime (the
 * `workerd`, `worker` and `edge-light` export conditions). In a worker, load the wasm
 * module first with `await init()` or `initSync(wasmModule)`. Throws an `OksoftError` of
 * kind `validation` for an unknown option or an invalid value. The browser entry (the
 * `default` condition) leaves the gateway out and always throws an `Error`: a page calls
 * the gateway with `new OksoftClient({ gatewayUrl })`.
 */
export function createPartnerGateway(options: PartnerGatewayOptions): PartnerGateway;
/**
 * Options of `toNodeHandler`: the source of the client address that the gateway's rate
 * limit counts by. By default it is the socket's address, which behind a reverse proxy is
 * the proxy's.
 */
export interface NodeHandlerOptions {
  /**
   * Takes the last address of `X-Forwarded-For`, the one the nearest proxy added. Set it
   * only when every request comes through that proxy, because a client that reaches the
   * server directly can send any `X-Forwarded-For`. `false` by default.
   */
  trustProxy?: boolean;
  /**
   * Returns the client address of a request, for setups that `trustProxy` does not fit,
   * such as a header of the proxy's own or two proxies in a row. When it returns nothing,
   * the socket's address is used.
   */
  clientAddress?: (request: NodeRequestLike) => string | undefined;
}

/** Adapts a gateway to node:http: `http.createServer(toNodeHandler(gateway, options))`. Node entry only. */
export function toNodeHandler(
  gateway: PartnerGateway,
  options?: NodeHandlerOptions,
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void>;
