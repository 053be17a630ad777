// Calls the package's API wrongly. Each line after `@ts-expect-error` must be a type
// error, so `tsc --strict --noEmit` passes on this file only while the types reject
// all of them. An unused `@ts-expect-error` is itself an error.

import { createPartnerGateway, md5Hex, OksoftClient, OksoftError } from 'oksoft-client';

export async function wrongCalls(error: unknown): Promise<void> {
  // @ts-expect-error the integration login is required.
  new OksoftClient({ baseUrl: 'http://127.0.0.1:8080', password: 'demo' });

  const client = new OksoftClient({ baseUrl: 'http://127.0.0.1:8080', login: 'demo', password: 'demo' });

  // @ts-expect-error a partner code is a number or a string, not an object.
  await client.partnersGet({ partnersCode: { code: 24 } });

  // @ts-expect-error a partner code is a number or a string, not a boolean.
  await client.partnersGet({ partnersCode: true });

  // @ts-expect-error partnersGet takes a partner code or an id, not both.
  await client.partnersGet({ partnersCode: 24, id: '5518' });

  // @ts-expect-error the option is `email`; `emial` is a misspelling.
  await client.partnersPasswordResetCreate({ emial: 'antonina@bk.ru' });

  // @ts-expect-error partnersLogin takes a password or its MD5, not both.
  await client.partnersLogin({ login: '5518', password: 'demo', passwordMd5: md5Hex('demo') });

  // @ts-expect-error accountsShortName is 'PLA' or 'KASSA'.
  await client.accountsListGet({ accountsShortName: 'BANK', currencyCode: 1 });

  // @ts-expect-error accountsListGet needs a currency code.
  await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: 24 });

  // @ts-expect-error validationTransaction is 'validation' or 'transaction'.
  await client.finInCome({ validationTransaction: 'check', accountsRsCode: 1, accountsKsCode: 2, amount: 1, currencyCode: 1 });

  // @ts-expect-error the locale is 'ru' or 'en'.
  new OksoftClient({ baseUrl: 'http://127.0.0.1:8080', login: 'demo', password: 'demo', locale: 'de' });

  // @ts-expect-error md5Hex takes 'upper' or 'lower'.
  md5Hex('demo', 'mixed');

  const partner = await client.partnersGet({ partnersCode: 24 });
  // @ts-expect-error fio may be null, so it needs a check before string methods.
  partner.fio.toUpperCase();

  // @ts-expect-error a partner gateway needs the integration client.
  createPartnerGateway({ basePath: '/api/oksoft' });

  // @ts-expect-error the gateway handles a Fetch API Request, not a URL string.
  await createPartnerGateway({ client }).handle('/api/oksoft/session');

  const visitor = new OksoftClient({ gatewayUrl: '/api/oksoft' });

  // @ts-expect-error FinInCome needs the integration account, so gateway mode has no finInCome.
  await visitor.finInCome({ validationTransaction: 'validation', accountsRsCode: 1, accountsKsCode: 2, amount: 1, currencyCode: 1 });

  // @ts-expect-error gateway mode takes timeoutMs and signal; the gateway's client retries on the server.
  await visitor.countriesListGet({}, { maxRetries: 1 });

  // @ts-expect-error `bogus` is not a call option.
  await visitor.sexListGet({}, { bogus: 1 });

  // @ts-expect-error the gateway refuses another partner's profile by id.
  await visitor.partnersGet({ id: '5518' });

  // @ts-expect-error the gateway refuses the company's cash desks.
  await visitor.accountsListGet({ accountsShortName: 'KASSA', currencyCode: 1 });

  // @ts-expect-error the session holds no partner ticket in gateway mode.
  (await visitor.partnersLogin({ login: '5518', password: 'demo' })).partnersTicket.toUpperCase();

  // @ts-expect-error the locale is 'ru' or 'en' in gateway mode too.
  new OksoftClient({ gatewayUrl: '/api/oksoft', locale: 'de' });

  // @ts-expect-error a partner gateway needs a direct client with the integration account.
  createPartnerGateway({ client: visitor });

  if (error instanceof OksoftError) {
    // @ts-expect-error 'server' is not an ErrorKind, so the comparison can never be true.
    if (error.kind === 'server') {
      return;
    }
  }
}
