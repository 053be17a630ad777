// Prints a partner's profile, groups and balance in every currency: the main job of a
// storefront back end. Usage:
//   node partner-summary.mjs BASE_URL [PARTNER_LOGIN] [PARTNER_PASSWORD]
// The integration account comes from OKSOFT_LOGIN and OKSOFT_PASSWORD (default demo/demo,
// the emulator's account). Set OKSOFT_LOCALE=en for English error messages.
import { OksoftClient, OksoftError } from 'oksoft-client';

const [baseUrl, partnerLogin = '5518', partnerPassword = 'demo'] = process.argv.slice(2);
if (!baseUrl) {
  console.error('usage: node partner-summary.mjs BASE_URL [PARTNER_LOGIN] [PARTNER_PASSWORD]');
  process.exit(2);
}

const client = new OksoftClient({
  baseUrl,
  login: process.env.OKSOFT_LOGIN ?? 'demo',
  password: process.env.OKSOFT_PASSWORD ?? 'demo',
  locale: process.env.OKSOFT_LOCALE ?? 'ru',
});

try {
  // The integration account logs in lazily on the first call; this makes it explicit.
  await client.usersLogin();
  console.log(`Integration account logged in at ${baseUrl}`);

  const session = await client.partnersLogin({ login: partnerLogin, password: partnerPassword });
  console.log(`Partner logged in: code ${session.partnersCode}, ${session.fio}`);

  const partner = await client.partnersGet({ partnersCode: session.partnersCode });
  console.log();
  console.log(`Profile of partner ${partner.code} (Id ${partner.id ?? '—'})`);
  console.log(`  Name:       ${partner.fio}`);
  console.log(`  E-mail:     ${partner.email ?? '—'}`);
  console.log(`  Phones:     ${[partner.phone, partner.phone2].filter(Boolean).join(', ') || '—'}`);
  console.log(`  City:       ${partner.city ?? '—'}`);
  console.log(`  Sex:        ${partner.sex?.name ?? '—'}`);
  console.log(`  Sponsor:    ${partner.sponsorCode ?? '—'}`);
  console.log(`  Web alias:  ${partner.webAlias ?? '—'}`);

  console.log();
  console.log('Groups:');
  for (const group of partner.partnersGroupsList) {
    console.log(`  ${String(group.code).padStart(5)}  ${group.name}`);
  }

  console.log();
  console.log('Balances:');
  const currencies = await client.currenciesList();
  for (const currency of currencies) {
    const accounts = await client.accountsListGet({
      accountsShortName: 'PLA',
      partnersCode: partner.code,
      currencyCode: currency.code,
    });
    for (const account of accounts) {
      const symbol = (currency.shortName ?? '').trim();
      console.log(`  ${account.longName} (${account.code})  ${account.stock.padStart(12)} ${symbol}  ${currency.name.trim()}`);
    }
  }
} catch (error) {
  if (error instanceof OksoftError) {
    console.error(`OKsoft call failed [${error.kind}/${error.code}]: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
