/**
 * The dev IdP's HTML pages: sign-in, account set-up (required actions), sign-out, messages and
 * errors. Plain server-rendered forms without JavaScript; German first, English via `?lang=en`,
 * `ui_locales`/`kc_locale` or Accept-Language. Each field error is tied to its input with
 * aria-describedby and listed in an alert summary; focus is always visible.
 */

export type Lang = 'de' | 'en';

const de = {
  product: 'Ratsinfo',
  devNotice: 'Entwicklungs-Anmeldedienst – nur für Entwicklung und Tests, keine echten Zugangsdaten verwenden.',
  switchLabel: 'English',
  switchLang: 'en' as Lang,
  errorPrefix: 'Fehler',
  errorSummary: 'Bitte korrigieren Sie Folgendes:',
  loginTitle: 'Anmelden',
  loginIntro: 'Melden Sie sich mit Ihrem Benutzernamen oder Ihrer E-Mail-Adresse an.',
  username: 'Benutzername oder E-Mail-Adresse',
  password: 'Passwort',
  signIn: 'Anmelden',
  invalidCredentials: 'Benutzername oder Passwort ist ungültig.',
  missingCredentials: 'Bitte geben Sie Benutzername und Passwort ein.',
  tooManyAttempts: (wait: string): string => `Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie ${wait} und versuchen Sie es dann erneut.`,
  seconds: (n: number): string => (n === 1 ? '1 Sekunde' : `${n} Sekunden`),
  minutes: (n: number): string => (n === 1 ? '1 Minute' : `${n} Minuten`),
  setupTitle: 'Konto einrichten',
  setupIntro: 'Bitte schließen Sie die Einrichtung Ihres Kontos ab.',
  account: 'Benutzername',
  verifyEmailInfo: 'Mit dem Speichern bestätigen Sie Ihre E-Mail-Adresse',
  newPassword: 'Neues Passwort',
  newPasswordHint: 'Mindestens 8 Zeichen.',
  confirmPassword: 'Neues Passwort wiederholen',
  firstName: 'Vorname',
  lastName: 'Nachname',
  save: 'Speichern',
  passwordTooShort: 'Das Passwort muss mindestens 8 Zeichen lang sein.',
  passwordMismatch: 'Die Passwörter stimmen nicht überein.',
  firstNameMissing: 'Bitte geben Sie Ihren Vornamen ein.',
  lastNameMissing: 'Bitte geben Sie Ihren Nachnamen ein.',
  setupDoneTitle: 'Konto eingerichtet',
  setupDone: 'Ihr Konto ist eingerichtet. Sie können sich jetzt anmelden.',
  continueToApp: 'Weiter zur Anwendung',
  linkInvalidTitle: 'Link ungültig',
  linkInvalid: 'Dieser Link ist abgelaufen oder wurde bereits verwendet. Bitte fordern Sie eine neue E-Mail an.',
  sessionExpiredTitle: 'Anmeldung abgelaufen',
  sessionExpired: 'Die Anmeldung hat zu lange gedauert oder wurde bereits abgeschlossen. Bitte kehren Sie zur Anwendung zurück und melden Sie sich erneut an.',
  logoutTitle: 'Abmelden',
  logoutQuestion: 'Möchten Sie sich abmelden?',
  logoutYes: 'Abmelden',
  logoutNo: 'Angemeldet bleiben',
  loggedOutTitle: 'Abgemeldet',
  loggedOut: 'Sie sind abgemeldet.',
  errorTitle: 'Es ist ein Fehler aufgetreten',
  errorCode: 'Fehlercode',
  errorDescription: 'Beschreibung',
  mailSubject: 'Aktualisieren Sie Ihr Konto',
  mailSubjectVerify: 'Bestätigen Sie Ihre E-Mail-Adresse',
  mailSubjectReset: 'Setzen Sie Ihr Passwort zurück',
};

type Texts = typeof de;

const en: Texts = {
  product: 'Ratsinfo',
  devNotice: 'Development sign-in service – for development and tests only; do not use real credentials.',
  switchLabel: 'Deutsch',
  switchLang: 'de',
  errorPrefix: 'Error',
  errorSummary: 'Please correct the following:',
  loginTitle: 'Sign in',
  loginIntro: 'Sign in with your username or email address.',
  username: 'Username or email address',
  password: 'Password',
  signIn: 'Sign in',
  invalidCredentials: 'Invalid username or password.',
  missingCredentials: 'Please enter your username and password.',
  tooManyAttempts: (wait: string): string => `Too many failed sign-in attempts. Please wait ${wait} and try again.`,
  seconds: (n: number): string => (n === 1 ? '1 second' : `${n} seconds`),
  minutes: (n: number): string => (n === 1 ? '1 minute' : `${n} minutes`),
  setupTitle: 'Set up your account',
  setupIntro: 'Please complete the set-up of your account.',
  account: 'Username',
  verifyEmailInfo: 'Saving confirms your email address',
  newPassword: 'New password',
  newPasswordHint: 'At least 8 characters.',
  confirmPassword: 'Repeat new password',
  firstName: 'First name',
  lastName: 'Last name',
  save: 'Save',
  passwordTooShort: 'The password must be at least 8 characters long.',
  passwordMismatch: 'The passwords do not match.',
  firstNameMissing: 'Please enter your first name.',
  lastNameMissing: 'Please enter your last name.',
  setupDoneTitle: 'Account set up',
  setupDone: 'Your account is set up. You can sign in now.',
  continueToApp: 'Continue to the application',
  linkInvalidTitle: 'Invalid link',
  linkInvalid: 'This link has expired or has already been used. Please request a new email.',
  sessionExpiredTitle: 'Sign-in expired',
  sessionExpired: 'Signing in took too long or has already been completed. Please go back to the application and sign in again.',
  logoutTitle: 'Sign out',
  logoutQuestion: 'Do you want to sign out?',
  logoutYes: 'Sign out',
  logoutNo: 'Stay signed in',
  loggedOutTitle: 'Signed out',
  loggedOut: 'You are signed out.',
  errorTitle: 'An error occurred',
  errorCode: 'Error code',
  errorDescription: 'Description',
  mailSubject: 'Update Your Account',
  mailSubjectVerify: 'Verify email',
  mailSubjectReset: 'Reset password',
};

const TEXTS: Record<Lang, Texts> = { de, en };

export function texts(lang: Lang): Texts {
  return TEXTS[lang];
}

function asLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'de' || primary === 'en' ? primary : undefined;
}

/**
 * The page language: an explicit `lang` query parameter, then the request's `ui_locales` /
 * `kc_locale` (first supported), then Accept-Language, else German.
 */
export function pickLang(explicit: string | null | undefined, locales: (string | null | undefined)[], acceptLanguage: string | undefined): Lang {
  const fromQuery = asLang(explicit);
  if (fromQuery) return fromQuery;
  for (const l of locales) {
    for (const tag of (l ?? '').split(/\s+/)) {
      const found = asLang(tag);
      if (found) return found;
    }
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const found = asLang(tag);
    if (found) return found;
  }
  return 'de';
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#f3f4f6}
header,main,footer{max-width:30rem;margin:0 auto;padding:1rem 1.25rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
.product{font-weight:700;font-size:1.25rem}
main{background:#fff;border:1px solid #c4c7cc;border-radius:.5rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=text],input[type=password],input[type=email]{width:100%;padding:.6rem .7rem;font:inherit;color:inherit;border:2px solid #5f6368;border-radius:.3rem;background:#fff}
input[aria-invalid=true]{border-color:#b3261e}
.hint{margin:.25rem 0 0;color:#44474e;font-size:.95rem}
.field-error{margin:.25rem 0 0;color:#b3261e;font-weight:600}
.summary{border:2px solid #b3261e;border-radius:.3rem;padding:.5rem 1rem;margin:0 0 1rem;background:#fdf2f1}
.summary h2{font-size:1.05rem;margin:.25rem 0}
.summary ul{margin:.25rem 0;padding-left:1.25rem}
.summary a{color:#8c1d18}
.info{border-left:4px solid #1f5f8b;padding:.25rem .75rem;background:#eef4f9}
button{margin-top:1.25rem;padding:.65rem 1.25rem;font:inherit;font-weight:600;border-radius:.3rem;border:2px solid #1f5f8b;background:#1f5f8b;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f5f8b}
a{color:#1f5f8b}
:focus-visible{outline:3px solid #000;outline-offset:3px;box-shadow:0 0 0 6px #ffbf47}
footer{font-size:.9rem;color:#44474e}
`;

export interface LayoutOptions {
  lang: Lang;
  title: string;
  body: string;
  /** Href of the language switch (omitted when undefined). */
  switchHref?: string;
  hasErrors?: boolean;
}

export function layout({ lang, title, body, switchHref, hasErrors }: LayoutOptions): string {
  const t = texts(lang);
  const docTitle = `${hasErrors ? `${t.errorPrefix}: ` : ''}${title} – ${t.product}`;
  const switchLink = switchHref
    ? `<a href="${escapeHtml(switchHref)}" lang="${t.switchLang}" hreflang="${t.switchLang}">${escapeHtml(t.switchLabel)}</a>`
    : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(docTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><span class="product">${escapeHtml(t.product)}</span>${switchLink}</header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
<footer><p>${escapeHtml(t.devNotice)}</p></footer>
</body>
</html>`;
}

/** Adds or replaces `lang` in a path-with-query. */
export function withLang(pathAndQuery: string, lang: Lang): string {
  const url = new URL(pathAndQuery, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

interface FieldError {
  field: string;
  message: string;
}

function errorSummary(lang: Lang, errors: FieldError[]): string {
  if (errors.length === 0) return '';
  const t = texts(lang);
  const items = errors.map((e) => `<li><a href="#${escapeHtml(e.field)}">${escapeHtml(e.message)}</a></li>`).join('');
  return `<div class="summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">${escapeHtml(t.errorSummary)}</h2><ul>${items}</ul></div>`;
}

interface InputOptions {
  id: string;
  label: string;
  type: 'text' | 'password' | 'email';
  autocomplete: string;
  value?: string;
  error?: string;
  hint?: string;
  autofocus?: boolean;
}

function input(o: InputOptions): string {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return `<label for="${o.id}">${escapeHtml(o.label)}</label>
<input id="${o.id}" name="${o.id}" type="${o.type}" autocomplete="${o.autocomplete}" required${o.value !== undefined ? ` value="${escapeHtml(o.value)}"` : ''}${o.error ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}${o.autofocus ? ' autofocus' : ''}${o.type === 'text' || o.type === 'email' ? ' spellcheck="false" autocapitalize="none"' : ''}>
${o.hint ? `<p class="hint" id="${o.id}-hint">${escapeHtml(o.hint)}</p>` : ''}${o.error ? `<p class="field-error" id="${o.id}-error">${escapeHtml(o.error)}</p>` : ''}`;
}

export interface LoginPageOptions {
  lang: Lang;
  action: string;
  switchHref: string;
  username?: string;
  error?: 'invalid' | 'missing' | 'locked';
  /** With error 'locked': seconds until the next attempt is allowed. */
  retryAfterSeconds?: number;
}

/** "45 Sekunden", "3 Minuten" (rounded up). */
export function waitText(lang: Lang, seconds: number): string {
  const t = texts(lang);
  return seconds < 60 ? t.seconds(Math.max(1, Math.ceil(seconds))) : t.minutes(Math.ceil(seconds / 60));
}

export function loginPage({ lang, action, switchHref, username, error, retryAfterSeconds }: LoginPageOptions): string {
  const t = texts(lang);
  const message =
    error === 'invalid'
      ? t.invalidCredentials
      : error === 'missing'
        ? t.missingCredentials
        : error === 'locked'
          ? t.tooManyAttempts(waitText(lang, retryAfterSeconds ?? 60))
          : undefined;
  // One message for both fields: it must not tell which of the two was wrong.
  const body = `${message ? `<div class="summary" role="alert"><p id="login-error" class="field-error">${escapeHtml(message)}</p></div>` : ''}
<p>${escapeHtml(t.loginIntro)}</p>
<form method="post" action="${escapeHtml(action)}" novalidate>
<input type="hidden" name="step" value="login">
<label for="username">${escapeHtml(t.username)}</label>
<input id="username" name="username" type="text" autocomplete="username" spellcheck="false" autocapitalize="none" required value="${escapeHtml(username ?? '')}"${message ? ' aria-invalid="true" aria-describedby="login-error"' : ''}${!username || message ? ' autofocus' : ''}>
<label for="password">${escapeHtml(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${message ? ' aria-invalid="true" aria-describedby="login-error"' : ''}${username && !message ? ' autofocus' : ''}>
<button type="submit">${escapeHtml(t.signIn)}</button>
</form>`;
  return layout({ lang, title: t.loginTitle, body, switchHref, hasErrors: !!message });
}

export interface ActionsPageOptions {
  lang: Lang;
  action: string;
  switchHref?: string;
  actions: string[];
  hidden: Record<string, string>;
  /** Shown so the person knows which account they set up. */
  username?: string;
  firstName?: string | null;
  lastName?: string | null;
  errors?: Partial<Record<'password' | 'passwordConfirm' | 'firstName' | 'lastName', string>>;
}

/** Human names of Keycloak's required actions (e-mail text). */
export function actionLabel(lang: Lang, action: string): string {
  const labels: Record<Lang, Record<string, string>> = {
    de: { UPDATE_PASSWORD: 'Passwort festlegen', VERIFY_EMAIL: 'E-Mail-Adresse bestätigen', UPDATE_PROFILE: 'Profil vervollständigen' },
    en: { UPDATE_PASSWORD: 'Set a password', VERIFY_EMAIL: 'Verify your email address', UPDATE_PROFILE: 'Complete your profile' },
  };
  return labels[lang][action] ?? action;
}

/** The required actions this page can complete; others are simply cleared (dev IdP). */
export const FORM_ACTIONS = new Set(['UPDATE_PASSWORD', 'UPDATE_PROFILE', 'VERIFY_EMAIL']);

export function actionsPage(o: ActionsPageOptions): string {
  const t = texts(o.lang);
  const errors = o.errors ?? {};
  const list: FieldError[] = (['password', 'passwordConfirm', 'firstName', 'lastName'] as const)
    .filter((f) => errors[f])
    .map((f) => ({ field: f, message: errors[f] as string }));
  const firstInvalid = list[0]?.field;
  const fields: string[] = [];
  if (o.actions.includes('UPDATE_PROFILE')) {
    fields.push(input({ id: 'firstName', label: t.firstName, type: 'text', autocomplete: 'given-name', value: o.firstName ?? '', error: errors.firstName, autofocus: firstInvalid === 'firstName' }));
    fields.push(input({ id: 'lastName', label: t.lastName, type: 'text', autocomplete: 'family-name', value: o.lastName ?? '', error: errors.lastName, autofocus: firstInvalid === 'lastName' }));
  }
  if (o.actions.includes('UPDATE_PASSWORD')) {
    fields.push(input({ id: 'password', label: t.newPassword, type: 'password', autocomplete: 'new-password', hint: t.newPasswordHint, error: errors.password, autofocus: firstInvalid === 'password' || (!firstInvalid && !o.actions.includes('UPDATE_PROFILE')) }));
    fields.push(input({ id: 'passwordConfirm', label: t.confirmPassword, type: 'password', autocomplete: 'new-password', error: errors.passwordConfirm, autofocus: firstInvalid === 'passwordConfirm' }));
  }
  const hidden = Object.entries(o.hidden).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n');
  const verify = o.actions.includes('VERIFY_EMAIL') ? `<p class="info">${escapeHtml(t.verifyEmailInfo)}.</p>` : '';
  const body = `${errorSummary(o.lang, list)}
<p>${escapeHtml(t.setupIntro)}</p>
${o.username ? `<p>${escapeHtml(t.account)}: <strong>${escapeHtml(o.username)}</strong></p>` : ''}
${verify}
<form method="post" action="${escapeHtml(o.action)}" novalidate>
${hidden}
${fields.join('\n')}
<button type="submit">${escapeHtml(t.save)}</button>
</form>`;
  return layout({ lang: o.lang, title: t.setupTitle, body, switchHref: o.switchHref, hasErrors: list.length > 0 });
}

export interface MessagePageOptions {
  lang: Lang;
  title: string;
  message: string;
  link?: { href: string; label: string };
  switchHref?: string;
}

export function messagePage({ lang, title, message, link, switchHref }: MessagePageOptions): string {
  const body = `<p>${escapeHtml(message)}</p>${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}`;
  return layout({ lang, title, body, switchHref });
}

/**
 * oidc-provider's logout form (`op.logoutForm`) with the buttons. Like Keycloak, a request with a
 * valid id_token_hint needs no confirmation: the form submits itself (one inline script; without
 * JavaScript the "Abmelden" button does it). Without the hint the user chooses.
 */
export function logoutPage(lang: Lang, form: string, confirmed: boolean): string {
  const t = texts(lang);
  const buttons = confirmed
    ? `<input type="hidden" form="op.logoutForm" name="logout" value="yes">
<button type="submit" form="op.logoutForm" autofocus>${escapeHtml(t.logoutYes)}</button>
<script>document.getElementById('op.logoutForm').submit();</script>`
    : `<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${escapeHtml(t.logoutYes)}</button>
<button type="submit" form="op.logoutForm" class="secondary">${escapeHtml(t.logoutNo)}</button>`;
  const body = `<p>${escapeHtml(t.logoutQuestion)}</p>
${form}
${buttons}`;
  return layout({ lang, title: t.logoutTitle, body });
}

export function loggedOutPage(lang: Lang): string {
  const t = texts(lang);
  return messagePage({ lang, title: t.loggedOutTitle, message: t.loggedOut });
}

export function errorPage(lang: Lang, error: string, description?: string): string {
  const t = texts(lang);
  const body = `<div role="alert"><p>${escapeHtml(t.errorCode)}: <code>${escapeHtml(error)}</code></p>${
    description ? `<p>${escapeHtml(t.errorDescription)}: ${escapeHtml(description)}</p>` : ''
  }</div>`;
  return layout({ lang, title: t.errorTitle, body, hasErrors: true });
}

/** Validates the account set-up form; returns errors keyed by field. */
export function validateActionsForm(
  lang: Lang,
  actions: string[],
  form: URLSearchParams,
): { errors: NonNullable<ActionsPageOptions['errors']>; password?: string; firstName?: string; lastName?: string } {
  const t = texts(lang);
  const errors: NonNullable<ActionsPageOptions['errors']> = {};
  const result: { password?: string; firstName?: string; lastName?: string } = {};
  if (actions.includes('UPDATE_PROFILE')) {
    const firstName = (form.get('firstName') ?? '').trim();
    const lastName = (form.get('lastName') ?? '').trim();
    if (!firstName) errors.firstName = t.firstNameMissing;
    if (!lastName) errors.lastName = t.lastNameMissing;
    result.firstName = firstName;
    result.lastName = lastName;
  }
  if (actions.includes('UPDATE_PASSWORD')) {
    const password = form.get('password') ?? '';
    const confirm = form.get('passwordConfirm') ?? '';
    if (password.length < 8) errors.password = t.passwordTooShort;
    else if (password !== confirm) errors.passwordConfirm = t.passwordMismatch;
    result.password = password;
  }
  return { errors, ...result };
}
