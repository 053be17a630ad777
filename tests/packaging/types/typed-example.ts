// Compiled with `tsc --strict --noEmit` against the installed package, with Node's and
// with a bundler's module resolution, never run: every method of OksoftClient called
// with valid options, and the result types used the way an application would use them.

import { createPartnerGateway, md5Hex, OksoftClient, OksoftError, toNodeHandler } from 'oksoft-client';
import type { Account, ErrorKind, FinResult, NodeRequestLike, NodeResponseLike, OksoftClientOptions, Partner } from 'oksoft-client';

// The options type of an operation, whatever name the package gives it.
type RegistrationOptions = Parameters<OksoftClient['partnersCreate']>[0];

const options: OksoftClientOptions = {
  baseUrl: 'http://127.0.0.1:8080',
  login: 'demo',
  passwordMd5: md5Hex('demo', 'upper'),
  servicePath: '/api/Service',
  timeoutMs: 5_000,
  locale: 'en',
  md5Case: 'lower',
  dateFormat: 'DD.MM.YYYY',
  sendFormatJson: true,
  fetch: globalThis.fetch,
};

export async function callEveryMethod(): Promise<string> {
  const client = new OksoftClient(options);
  const locale: 'ru' | 'en' = client.locale;

  const acknowledgement = await client.usersLogin();
  const resultNumber: number = acknowledgement.resultNumber;
  await client.usersLogin({});

  const session = await client.partnersLogin({ login: '5518', password: 'demo' });
  await client.partnersLogin({ login: '5518', passwordMd5: md5Hex('demo') });
  const ticket: string = session.partnersTicket;

  await client.partnersPasswordResetCreate({ email: 'antonina@bk.ru' });

  const partner: Partner = await client.partnersGet({ partnersCode: session.partnersCode });
  await client.partnersGet({ id: '5518' });
  const created: Date | null = partner.createDate;
  const groupNames = partner.partnersGroupsList.filter((group) => group.checked).map((group) => group.name);

  const countries = await client.countriesListGet();
  const countryCodes: Array<string | null> = countries.map((country) => country.kod);
  const sexes = await client.sexListGet();
  const phoneTypes = await client.phoneTypesListGet({});
  const languages = await client.languagesListGet();
  const defaultLanguage = languages.find((language) => language.isDefault === true);
  const groups = await client.partnersGroupsListGet();

  const registration: RegistrationOptions = {
    name: 'Петрова',
    firstName: 'Мария',
    patronymic: 'Ивановна',
    email: 'maria@example.ru',
    birthday: new Date(1985, 2, 14),
    login: 'maria',
    password: 'Kp7-xQ2!',
    sex: sexes[0]?.code ?? 2,
    phone: '+7 900 000-00-00',
    phoneTypes: phoneTypes[0]?.code,
    country: 643,
    passportIssueDate: '2005-06-01',
    flagEmailDoubleCheck: true,
  };
  const newPartner = await client.partnersCreate(registration);

  const currencies = await client.currenciesList();
  const ruble = currencies.find((currency) => currency.shortName === 'RUB');
  const cssColor: string | null = ruble?.color ?? null;

  const personal: Account[] = await client.accountsListGet({
    accountsShortName: 'PLA',
    partnersCode: newPartner.partnersCode,
    currencyCode: 1,
  });
  const cashDesks = await client.accountsListGet({ accountsShortName: 'KASSA', currencyCode: 1 });

  const payment: FinResult = await client.finInCome({
    validationTransaction: 'validation',
    accountsRsCode: personal[0]?.code ?? 15162,
    accountsKsCode: cashDesks[0]?.code ?? 100,
    amount: '100.50',
    currencyCode: 1,
    comment: 'top-up',
  });
  const payout = await client.finOutCome({
    validationTransaction: 'transaction',
    accountsRsCode: 15162,
    accountsKsCode: 100,
    amount: 25,
    currencyCode: 1,
  });
  const transaction: number | null = payout.transactionNumber;

  client.free();
  return JSON.stringify({
    locale, resultNumber, ticket, created, groupNames, countryCodes, defaultLanguage, groups,
    cssColor, payment, transaction,
  });
}

/** Narrows a rejection to OksoftError and reads the fields of each kind. */
export function describeRejection(error: unknown): string {
  if (error instanceof OksoftError && error.kind === 'validation') {
    const field: string | null = error.field;
    const problems = error.problems.map((problem) => `${problem.field}: ${problem.code}: ${problem.message}`);
    return `invalid ${field ?? 'input'}: ${problems.join('; ')}`;
  }
  if (error instanceof OksoftError) {
    const kind: ErrorKind = error.kind;
    const details: Array<string | number | null> = [error.code, error.method, error.resultNumber, error.resultText, error.status];
    return `${error.name} (${kind}): ${error.message} ${details.join(' ')}`;
  }
  return String(error);
}

/** Creates a partner gateway for node:http, with every option set. */
export function nodeGateway(client: OksoftClient): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  const gateway = createPartnerGateway({
    client,
    allowedOrigins: ['https://shop.example.ru'],
    basePath: '/api/oksoft',
    sessionTtlMs: 10 * 60 * 1000,
    maxBodyBytes: 8 * 1024,
    maxAttempts: 5,
    attemptWindowMs: 60 * 1000,
    cookieName: 'shop_session',
  });
  return toNodeHandler(gateway, { trustProxy: true });
}

/** Adapts a gateway behind a proxy that sends the client address in a header of its own. */
export function nodeGatewayBehindProxy(client: OksoftClient): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  const gateway = createPartnerGateway({ client, allowedOrigins: ['https://shop.example.ru'] });
  return toNodeHandler(gateway, {
    clientAddress: (request) => {
      const header = request.headers['x-real-ip'];
      return typeof header === 'string' ? header : undefined;
    },
  });
}
