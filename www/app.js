// Partner cabinet: sign-in, profile, balances, registration and password reset over the
// package's partner gateway. The browser never stores OKsoft credentials or tickets; the
// gateway keeps them and identifies the partner by its HttpOnly session cookie.

import { OksoftClient } from 'oksoft-client';

import * as visitorErrors from './visitor-errors.js';

const GATEWAY_URL = '/api/oksoft';
const LOCALE_KEY = 'oksoft-cabinet-locale';

const STRINGS = {
  ru: {
    title: 'Кабинет партнёра',
    starting: 'Загрузка…',
    loading: 'Загрузка…',
    logout: 'Выйти',
    languageToggle: 'EN',
    languageToggleLabel: 'English',
    loginTitle: 'Вход',
    loginLabel: 'Логин или Id',
    passwordLabel: 'Пароль',
    loginSubmit: 'Войти',
    loginBusy: 'Входим…',
    toRegister: 'Регистрация',
    toReset: 'Забыли пароль?',
    toLogin: 'Вход',
    profileTitle: 'Профиль',
    partnerCode: 'Код партнёра',
    email: 'E-mail',
    phones: 'Телефоны',
    city: 'Город',
    sponsorCode: 'Код спонсора',
    webAlias: 'Реферальный псевдоним',
    createDate: 'Дата регистрации',
    groups: 'Группы',
    noGroups: 'Нет групп',
    notSet: '—',
    balancesTitle: 'Баланс',
    noCurrencies: 'Валюты не настроены',
    registerTitle: 'Регистрация партнёра',
    lastName: 'Фамилия',
    firstName: 'Имя',
    patronymic: 'Отчество',
    birthday: 'Дата рождения',
    sex: 'Пол',
    phone: 'Телефон',
    phoneType: 'Тип телефона',
    country: 'Страна',
    language: 'Язык',
    sponsorId: 'Id спонсора',
    newLogin: 'Логин',
    confirmPassword: 'Пароль ещё раз',
    notChosen: 'Не выбрано',
    registerSubmit: 'Зарегистрироваться',
    registerBusy: 'Отправляем…',
    registerCheck: 'Исправьте поля, отмеченные красным.',
    registered: (code) => `Вы зарегистрированы, код партнёра ${code}. Теперь можно войти.`,
    directoriesFailed: 'Не удалось загрузить справочники',
    resetTitle: 'Восстановление пароля',
    resetHint: 'Укажите e-mail, с которым вы регистрировались. Мы отправим на него ссылку для смены пароля.',
    resetSubmit: 'Отправить ссылку',
    resetBusy: 'Отправляем…',
    resetSent: 'Если этот e-mail зарегистрирован, на него придёт письмо со ссылкой для смены пароля.',
    requiredLogin: 'Введите логин или Id',
    requiredPassword: 'Введите пароль',
  },
  en: {
    title: 'Partner cabinet',
    starting: 'Loading…',
    loading: 'Loading…',
    logout: 'Sign out',
    languageToggle: 'RU',
    languageToggleLabel: 'Русский',
    loginTitle: 'Sign in',
    loginLabel: 'Login or Id',
    passwordLabel: 'Password',
    loginSubmit: 'Sign in',
    loginBusy: 'Signing in…',
    toRegister: 'Create an account',
    toReset: 'Forgot your password?',
    toLogin: 'Sign in',
    profileTitle: 'Profile',
    partnerCode: 'Partner code',
    email: 'E-mail',
    phones: 'Phones',
    city: 'City',
    sponsorCode: 'Sponsor code',
    webAlias: 'Referral alias',
    createDate: 'Registered on',
    groups: 'Groups',
    noGroups: 'No groups',
    notSet: '—',
    balancesTitle: 'Balances',
    noCurrencies: 'No currencies are set up',
    registerTitle: 'Partner registration',
    lastName: 'Last name',
    firstName: 'First name',
    patronymic: 'Patronymic',
    birthday: 'Date of birth',
    sex: 'Sex',
    phone: 'Phone',
    phoneType: 'Phone type',
    country: 'Country',
    language: 'Language',
    sponsorId: 'Sponsor Id',
    newLogin: 'Login',
    confirmPassword: 'Repeat the password',
    notChosen: 'Not chosen',
    registerSubmit: 'Register',
    registerBusy: 'Sending…',
    registerCheck: 'Correct the fields marked in red.',
    registered: (code) => `You are registered with partner code ${code}. You can sign in now.`,
    directoriesFailed: 'Could not load the lists',
    resetTitle: 'Password reset',
    resetHint: 'Enter the e-mail you registered with, and we will send a link to set a new password.',
    resetSubmit: 'Send the link',
    resetBusy: 'Sending…',
    resetSent: 'If this e-mail is registered, a message with a link to set a new password is on its way.',
    requiredLogin: 'Enter your login or Id',
    requiredPassword: 'Enter your password',
  },
};

const state = {
  locale: readSavedLocale(),
  client: null,
  session: null,
  view: null,
  directoriesLoaded: false,
};

// ---------------------------------------------------------------------------
// Small DOM helpers

function byTestId(testId) {
  return document.querySelector(`[data-testid="${testId}"]`);
}

function text(key) {
  return STRINGS[state.locale][key];
}

function readSavedLocale() {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    return saved === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

/**
 * Runs `work` with `button` disabled and showing `busyText`, and marks `region` busy,
 * so every call has a visible loading state.
 */
async function withLoading(button, busyText, region, work) {
  const idleText = button.textContent;
  button.disabled = true;
  button.textContent = busyText;
  button.setAttribute('aria-busy', 'true');
  region?.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = idleText;
    button.removeAttribute('aria-busy');
    region?.setAttribute('aria-busy', 'false');
  }
}

// ---------------------------------------------------------------------------
// Messages that follow the language

/** Elements whose text the page builds in code, each with the function that words it. */
const localizedTexts = new Map();

/** Sets `element`'s text to `render()` now and again after every language switch. */
function setLocalizedText(element, render) {
  localizedTexts.set(element, render);
  element.textContent = render();
}

function rewordLocalizedTexts() {
  for (const [element, render] of localizedTexts) {
    if (element.isConnected) {
      element.textContent = render();
    } else {
      localizedTexts.delete(element);
    }
  }
}

/** Shows a message box with the text `render()` returns in the current language. */
function showMessage(element, render) {
  setLocalizedText(element, render);
  element.hidden = false;
}

function hideMessage(element) {
  localizedTexts.delete(element);
  element.textContent = '';
  element.hidden = true;
}

// ---------------------------------------------------------------------------
// Errors

/** Time in ms since the epoch from the gateway's latest Retry-After header, or null. */
let retryAllowedAt = null;

/**
 * Calls the global fetch and keeps the Retry-After of a 429 response, because the
 * gateway's `rate_limited` refusal states the wait only there and in its English message.
 */
async function fetchKeepingRetryAfter(input, init) {
  const response = await fetch(input, init);
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    retryAllowedAt = Number.isInteger(seconds) && seconds > 0 ? Date.now() + seconds * 1000 : null;
  }
  return response;
}

/**
 * Logs a rejected call for developers and returns the function that words it for the
 * visitor in the current language. `error.message` goes to the console only.
 */
function prepareErrorText(error) {
  if (typeof error?.kind === 'string') {
    console.warn(`${error.code} (${error.kind}): ${error.message}`);
  } else {
    console.error(error);
  }
  const retryAt = error?.code === 'rate_limited' ? retryAllowedAt : null;
  return () => {
    const secondsLeft = retryAt === null ? 0 : Math.ceil((retryAt - Date.now()) / 1000);
    return visitorErrors.describeError(error, state.locale, { retryAfterSeconds: secondsLeft > 0 ? secondsLeft : null });
  };
}

function showError(element, error) {
  showMessage(element, prepareErrorText(error));
}

// ---------------------------------------------------------------------------
// Language

function applyLocale() {
  document.documentElement.lang = state.locale;
  document.title = text('title');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    // Buttons that are busy keep their busy text; withLoading restores the label.
    if (element.getAttribute('aria-busy') !== 'true') {
      element.textContent = text(element.dataset.i18n);
    }
  }
  const toggle = byTestId('lang-toggle');
  toggle.textContent = text('languageToggle');
  toggle.setAttribute('aria-label', text('languageToggleLabel'));
  for (const select of document.querySelectorAll('select[data-directory]')) {
    const empty = select.querySelector('option[value=""]');
    if (empty !== null) {
      empty.textContent = text('notChosen');
    }
  }
  rewordLocalizedTexts();
  // The client words `error.message`, which only the console shows, in its locale, so it
  // is rebuilt for the new language.
  state.client = new OksoftClient({ gatewayUrl: GATEWAY_URL, locale: state.locale, fetch: fetchKeepingRetryAfter });
}

function toggleLocale() {
  state.locale = state.locale === 'ru' ? 'en' : 'ru';
  try {
    localStorage.setItem(LOCALE_KEY, state.locale);
  } catch {
    // Storage may be disabled; the choice then lasts until the page reloads.
  }
  applyLocale();
  if (state.view === 'cabinet' && state.session !== null) {
    renderCabinetLabels();
  }
}

// ---------------------------------------------------------------------------
// Views

function setView(view) {
  state.view = view;
  for (const section of document.querySelectorAll('section[data-view]')) {
    section.hidden = section.dataset.view !== view;
  }
  byTestId('logout-button').hidden = state.session === null;
  document.body.dataset.currentView = view;
}

/** Picks the view from the session and the URL fragment. */
async function route() {
  const requestedView = location.hash.replace(/^#/, '');
  if (state.session !== null) {
    setView('cabinet');
    await loadCabinet();
    return;
  }
  if (requestedView === 'register') {
    setView('register');
    await loadDirectories();
  } else if (requestedView === 'reset') {
    setView('reset');
  } else {
    setView('login');
  }
}

// ---------------------------------------------------------------------------
// Sign-in and sign-out

async function onLoginSubmit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const errorBox = byTestId('login-error');
  const login = form.elements.login.value.trim();
  const password = form.elements.password.value;

  if (login === '') {
    showMessage(errorBox, () => text('requiredLogin'));
    form.elements.login.focus();
    return;
  }
  if (password === '') {
    showMessage(errorBox, () => text('requiredPassword'));
    form.elements.password.focus();
    return;
  }
  hideMessage(errorBox);

  try {
    const session = await withLoading(byTestId('login-submit'), text('loginBusy'), form, () =>
      state.client.partnersLogin({ login, password }),
    );
    state.session = { partnersCode: session.partnersCode, fio: session.fio };
    form.reset();
    history.replaceState(null, '', '#cabinet');
    await route();
  } catch (error) {
    showError(errorBox, error);
  }
}

async function onLogoutClick() {
  const button = byTestId('logout-button');
  try {
    await withLoading(button, text('loading'), null, () => state.client.logout());
  } catch (error) {
    // The gateway session may already be gone; the page drops it either way.
    console.warn('logout failed', error);
  }
  state.session = null;
  clearCabinet();
  history.replaceState(null, '', '#login');
  await route();
}

// ---------------------------------------------------------------------------
// Cabinet: profile and balances

function clearCabinet() {
  for (const testId of ['profile-fio', 'profile-code', 'profile-email', 'profile-phones', 'profile-city',
    'profile-sponsor', 'profile-alias', 'profile-created', 'profile-groups', 'balances']) {
    byTestId(testId).replaceChildren();
  }
  hideMessage(byTestId('profile-error'));
  hideMessage(byTestId('balances-error'));
}

function valueOrDash(value) {
  return value === null || value === undefined || value === '' ? text('notSet') : String(value);
}

function formatDate(value) {
  if (!value) {
    return text('notSet');
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return date.toLocaleDateString(state.locale === 'ru' ? 'ru-RU' : 'en-GB');
}

/**
 * Formats an OKsoft stock string such as "1234.5" with two decimals. The value is
 * reformatted as text, not as a float, so large balances keep every digit.
 */
function formatStock(stock) {
  const match = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(String(stock ?? '0').trim());
  if (match === null) {
    return String(stock);
  }
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole}.${fraction.padEnd(2, '0')}`;
}

let lastProfile = null;

function renderProfile(partner) {
  lastProfile = partner;
  byTestId('profile-fio').textContent = valueOrDash(partner.fio);
  byTestId('profile-code').textContent = valueOrDash(partner.code);
  byTestId('profile-email').textContent = valueOrDash(partner.email);
  const phones = [partner.phone, partner.phone2].filter((phone) => phone);
  byTestId('profile-phones').textContent = phones.length > 0 ? phones.join(', ') : text('notSet');
  byTestId('profile-city').textContent = valueOrDash(partner.city);
  byTestId('profile-sponsor').textContent = valueOrDash(partner.sponsorCode);
  byTestId('profile-alias').textContent = valueOrDash(partner.webAlias);
  byTestId('profile-created').textContent = formatDate(partner.createDate);
  renderGroups(partner.partnersGroupsList ?? []);
}

function renderGroups(groups) {
  const list = byTestId('profile-groups');
  const items = groups.map((group) => {
    const item = document.createElement('li');
    item.className = 'chip';
    item.dataset.testid = 'profile-group';
    item.dataset.groupCode = String(group.code);
    item.textContent = valueOrDash(group.name);
    return item;
  });
  if (items.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'muted';
    empty.textContent = text('noGroups');
    items.push(empty);
  }
  list.replaceChildren(...items);
}

/** Re-renders the labels that the cabinet builds in code, after a language switch. */
function renderCabinetLabels() {
  if (lastProfile !== null) {
    renderProfile(lastProfile);
  }
}

function renderBalance(currency, stockText) {
  const item = document.createElement('li');
  item.className = 'balance';
  item.dataset.testid = 'balance';
  item.dataset.currencyCode = String(currency.code);
  if (currency.color) {
    item.style.setProperty('--currency-color', currency.color);
  }

  const name = document.createElement('span');
  name.className = 'balance-name';
  name.dataset.testid = 'balance-name';
  name.textContent = valueOrDash(currency.name?.trim());

  const amount = document.createElement('span');
  amount.className = 'balance-amount';
  amount.dataset.testid = 'balance-amount';
  amount.textContent = stockText;

  const symbol = document.createElement('span');
  symbol.className = 'balance-symbol';
  symbol.dataset.testid = 'balance-symbol';
  symbol.textContent = currency.shortName?.trim() ?? '';

  const value = document.createElement('span');
  value.className = 'balance-value';
  value.append(amount, ' ', symbol);

  item.append(name, value);
  return item;
}

async function loadProfile(partnersCode) {
  const card = byTestId('profile');
  const errorBox = byTestId('profile-error');
  card.setAttribute('aria-busy', 'true');
  hideMessage(errorBox);
  byTestId('profile-fio').textContent = state.session?.fio ?? text('loading');
  try {
    renderProfile(await state.client.partnersGet({ partnersCode }));
  } catch (error) {
    if (error?.code === 'login_required') {
      await endExpiredSession(error);
      return;
    }
    showError(errorBox, error);
  } finally {
    card.setAttribute('aria-busy', 'false');
  }
}

async function loadBalances(partnersCode) {
  const card = byTestId('balances-card');
  const list = byTestId('balances');
  const errorBox = byTestId('balances-error');
  card.setAttribute('aria-busy', 'true');
  hideMessage(errorBox);
  list.replaceChildren();
  try {
    const currencies = await state.client.currenciesList();
    if (currencies.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'muted';
      empty.textContent = text('noCurrencies');
      list.replaceChildren(empty);
      return;
    }
    // One request per currency, sent together; each row shows its own failure.
    const rows = await Promise.all(currencies.map(async (currency) => {
      try {
        const accounts = await state.client.accountsListGet({
          accountsShortName: 'PLA',
          partnersCode,
          currencyCode: currency.code,
        });
        const stock = accounts.length > 0 ? formatStock(accounts[0].stock) : '0.00';
        return renderBalance(currency, stock);
      } catch (error) {
        const row = renderBalance(currency, '');
        setLocalizedText(row.querySelector('[data-testid="balance-amount"]'), prepareErrorText(error));
        row.classList.add('failed');
        return row;
      }
    }));
    list.replaceChildren(...rows);
  } catch (error) {
    showError(errorBox, error);
  } finally {
    card.setAttribute('aria-busy', 'false');
  }
}

/**
 * Opens the login view, with the reason, when the gateway has no session for the
 * visitor any more, for example after it expired.
 */
async function endExpiredSession(error) {
  state.session = null;
  // The next partner to sign in must not see this partner's profile while theirs loads.
  clearCabinet();
  history.replaceState(null, '', '#login');
  await route();
  showError(byTestId('login-error'), error);
}

async function loadCabinet() {
  const { partnersCode } = state.session;
  await Promise.all([loadProfile(partnersCode), loadBalances(partnersCode)]);
}

// ---------------------------------------------------------------------------
// Registration

const DIRECTORY_LABELS = {
  countriesListGet: (entry) => entry.name,
  sexListGet: (entry) => entry.name,
  phoneTypesListGet: (entry) => entry.name,
  languagesListGet: (entry) => entry.name ?? entry.foreignName ?? entry.alias,
};

async function loadDirectories() {
  if (state.directoriesLoaded) {
    return;
  }
  const form = byTestId('register-form');
  const errorBox = byTestId('register-error');
  const selects = [...form.querySelectorAll('select[data-directory]')];
  form.setAttribute('aria-busy', 'true');
  for (const select of selects) {
    select.disabled = true;
    select.replaceChildren(new Option(text('loading'), ''));
  }
  try {
    const lists = await Promise.all(selects.map((select) => state.client[select.dataset.directory]()));
    selects.forEach((select, index) => {
      const label = DIRECTORY_LABELS[select.dataset.directory];
      const options = lists[index].map((entry) => new Option(valueOrDash(label(entry)?.trim()), String(entry.code)));
      select.replaceChildren(new Option(text('notChosen'), ''), ...options);
    });
    state.directoriesLoaded = true;
  } catch (error) {
    const describeFailure = prepareErrorText(error);
    showMessage(errorBox, () => `${text('directoriesFailed')}: ${describeFailure()}`);
    for (const select of selects) {
      select.replaceChildren(new Option(text('notChosen'), ''));
    }
  } finally {
    for (const select of selects) {
      select.disabled = false;
    }
    form.setAttribute('aria-busy', 'false');
  }
}

/** Returns the partnersCreate options from the form, leaving out blank fields. */
function registrationOptions(form) {
  const options = {};
  for (const element of form.elements) {
    if (!element.name || element.value.trim() === '') {
      continue;
    }
    const value = element.type === 'password' ? element.value : element.value.trim();
    options[element.name] = element.tagName === 'SELECT' ? Number(value) : value;
  }
  return options;
}

function clearFieldErrors(form) {
  for (const field of form.querySelectorAll('.field[data-field]')) {
    field.classList.remove('invalid');
    field.querySelector('.field-error')?.remove();
    field.querySelector('input, select')?.removeAttribute('aria-invalid');
  }
}

/** Shows each problem beside its field; returns the problems that have no field here. */
function showFieldErrors(form, formName, problems) {
  const unplaced = [];
  const problemsByField = new Map();
  for (const problem of problems) {
    const field = form.querySelector(`.field[data-field="${CSS.escape(problem.field ?? '')}"]`);
    if (field === null) {
      unplaced.push(problem);
    } else {
      problemsByField.set(field, [...(problemsByField.get(field) ?? []), problem]);
    }
  }

  for (const [field, fieldProblems] of problemsByField) {
    const input = field.querySelector('input, select');
    field.classList.add('invalid');
    input?.setAttribute('aria-invalid', 'true');
    const maxLength = input?.maxLength > 0 ? input.maxLength : null;

    const message = document.createElement('small');
    message.className = 'field-error';
    message.dataset.testid = `${formName}-${field.dataset.field}-error`;
    field.append(message);
    // A field with several problems lists each different text once.
    setLocalizedText(message, () => {
      const texts = fieldProblems.map((problem) => visitorErrors.describeFieldProblem(problem, state.locale, { maxLength }));
      return [...new Set(texts)].join(' ');
    });
  }
  return unplaced;
}

/** Shows a rejected call on a form: field problems beside fields, the rest on top. */
function showFormError(form, formName, error) {
  const errorBox = byTestId(`${formName}-error`);
  const problems = Array.isArray(error?.problems) ? [...error.problems] : [];
  if (problems.length === 0 && error?.field) {
    problems.push({ field: error.field, code: error.code });
  }
  const unplaced = showFieldErrors(form, formName, problems);
  const describeFailure = prepareErrorText(error);
  // A problem on a field this form lacks comes from the page's own options, which the
  // visitor cannot correct, so the box then shows the error's general text.
  if (problems.length > 0 && unplaced.length === 0) {
    showMessage(errorBox, () => text('registerCheck'));
  } else {
    showMessage(errorBox, describeFailure);
  }
  form.querySelector('.field.invalid input, .field.invalid select')?.focus();
}

async function onRegisterSubmit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const successBox = byTestId('register-success');
  clearFieldErrors(form);
  hideMessage(byTestId('register-error'));
  hideMessage(successBox);

  try {
    const created = await withLoading(byTestId('register-submit'), text('registerBusy'), form, () =>
      state.client.partnersCreate(registrationOptions(form)),
    );
    form.reset();
    showMessage(successBox, () => text('registered')(created.partnersCode));
    successBox.dataset.partnersCode = String(created.partnersCode);
  } catch (error) {
    showFormError(form, 'register', error);
  }
}

// ---------------------------------------------------------------------------
// Password reset

async function onResetSubmit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const successBox = byTestId('reset-success');
  clearFieldErrors(form);
  hideMessage(byTestId('reset-error'));
  hideMessage(successBox);

  try {
    await withLoading(byTestId('reset-submit'), text('resetBusy'), form, () =>
      state.client.partnersPasswordResetCreate({ email: form.elements.email.value.trim() }),
    );
    showMessage(successBox, () => text('resetSent'));
  } catch (error) {
    showFormError(form, 'reset', error);
  }
}

// ---------------------------------------------------------------------------
// Start

async function start() {
  applyLocale();
  byTestId('lang-toggle').addEventListener('click', toggleLocale);
  byTestId('logout-button').addEventListener('click', onLogoutClick);
  byTestId('login-form').addEventListener('submit', onLoginSubmit);
  byTestId('register-form').addEventListener('submit', onRegisterSubmit);
  byTestId('reset-form').addEventListener('submit', onResetSubmit);
  window.addEventListener('hashchange', () => {
    route().catch(reportFatal);
  });

  const status = byTestId('page-status');
  try {
    const session = await state.client.session();
    state.session = session ? { partnersCode: session.partnersCode, fio: session.fio } : null;
  } catch (error) {
    // Without the session check the visitor can still sign in.
    console.warn('session check failed', error);
    state.session = null;
  }
  hideMessage(status);
  document.getElementById('app').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = 'true';
  await route();
}

function reportFatal(error) {
  showError(byTestId('page-status'), error);
}

start().catch(reportFatal);
