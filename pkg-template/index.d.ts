// Types of the oksoft-client package. The OksoftClient class, its option types (generated
// from the Rust operation catalogue) and its result types come from wasm-bindgen's
// declarations; this file adds what the JS entry files define.

import type { ErrorCode, ErrorKind, FieldProblem } from './web/oksoft_client.js';

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

/** Loads the wasm module now in browsers (the first method call does it otherwise); resolves at once in Node. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export { init };
/** Instantiates the wasm module from its bytes in browsers; does nothing in Node. */
export function initSync(bytes: BufferSource | WebAssembly.Module): void;
