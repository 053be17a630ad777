// Types of the oksoft-client package. The OksoftClient class, its option types (generated
// from the Rust operation catalogue) and its result types come from wasm-bindgen's
// declarations; this file adds what the JS entry files define.

import type { ErrorCode, ErrorKind, FieldProblem, OksoftClient as Client } from './web/oksoft_client.js';

// Named exports only, so wasm-bindgen's loader types (InitInput, InitOutput) stay private.
export { OksoftClient, md5Hex, wasmMemorySize } from './web/oksoft_client.js';
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
  OksoftClientOptions,
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

/** The error every OksoftClient method rejects with, and the constructor throws. */
export class OksoftError extends Error {
  readonly name: 'OksoftError';
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  /** OKsoft wire name of the operation, or `null` for client options. */
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
   * For `outcome_unknown`: the wire parameters that were sent, secrets as `***`, so the
   * caller can check whether the operation took effect.
   */
  readonly requestParams: Record<string, string> | null;
}

/**
 * Loads the wasm module now in browsers and workers. The first client call does it
 * otherwise, but a partner gateway needs it first. Resolves at once in Node and Deno.
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
  client: Client;
  /**
   * Origins of the storefront's pages, each scheme, host and port only, such as
   * `https://shop.example.ru`; by default the origin of each request's URL.
   */
  allowedOrigins?: string[];
  /** Path prefix the gateway is mounted at, such as `/api/oksoft`; `''` by default. */
  basePath?: string;
  /** Lifetime of a visitor's session in milliseconds, 30 minutes by default. */
  sessionTtlMs?: number;
  /** Largest request body accepted, 16384 bytes by default. */
  maxBodyBytes?: number;
  /**
   * Attempts allowed per client address and per login or e-mail, 10 by default. A failed
   * partner login counts, and so does every password reset. A successful login does not
   * count, nor does a call that certainly never reached OKsoft.
   */
  maxAttempts?: number;
  /** Window of `maxAttempts` in milliseconds, 15 minutes by default. */
  attemptWindowMs?: number;
  /** Name of the session cookie, `oksoft_session` by default. */
  cookieName?: string;
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
 * Creates a partner gateway. In browsers' and workers' build, load the wasm module
 * first with `await init()` or `initSync(wasmModule)`; pages must not call it at all.
 * Throws an `OksoftError` of kind `validation` for an unknown option or an invalid value.
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
