/**
 * Browser pages under /realms/{realm}/login-actions/ (Keycloak's path for them):
 *
 *   authenticate/{uid}   the sign-in form of an oidc-provider interaction; after a correct password
 *                        it asks for pending required actions (new password, profile) first
 *   action-token?key=…   the link of an execute-actions e-mail: set a password etc.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hashPassword, verifyPassword } from './crypto.mts';
import type { IdpContext } from './context.mts';
import { readForm, sendHtml, sendJson } from './http.mts';
import { actionsPage, FORM_ACTIONS, loginPage, messagePage, pickLang, texts, validateActionsForm, withLang, type Lang } from './pages.mts';
import type { RealmRuntime } from './realm.mts';
import type { Store, UserRecord } from './store.mts';

const PENDING_TTL_MS = 30 * 60 * 1000;

/**
 * Completes required actions: the new password, names; the e-mail counts as verified when the
 * user came through the e-mail link or VERIFY_EMAIL was among the actions.
 */
async function completeActions(
  store: Store,
  user: UserRecord,
  actions: string[],
  values: { password?: string; firstName?: string; lastName?: string },
  viaEmailLink: boolean,
): Promise<void> {
  if (actions.includes('UPDATE_PASSWORD') && values.password) user.passwordHash = await hashPassword(values.password);
  if (actions.includes('UPDATE_PROFILE')) {
    user.firstName = values.firstName || user.firstName;
    user.lastName = values.lastName || user.lastName;
  }
  if (viaEmailLink || actions.includes('VERIFY_EMAIL')) user.emailVerified = true;
  user.requiredActions = user.requiredActions.filter((a) => !actions.includes(a));
  await store.save();
}

export class LoginActions {
  readonly #ctx: IdpContext;
  /** Interactions whose user typed the right password but has required actions left. */
  readonly #pending = new Map<string, { userId: string; expires: number }>();

  constructor(ctx: IdpContext) {
    this.#ctx = ctx;
  }

  async handle(rt: RealmRuntime, req: IncomingMessage, res: ServerResponse, rest: string, url: URL): Promise<void> {
    const auth = /^\/login-actions\/authenticate\/([A-Za-z0-9_-]+)$/.exec(rest);
    if (auth) return this.#authenticate(rt, req, res, auth[1], url);
    if (rest === '/login-actions/action-token') return this.#actionToken(rt, req, res, url);
    sendJson(res, 404, { error: 'Not Found' });
  }

  async #authenticate(rt: RealmRuntime, req: IncomingMessage, res: ServerResponse, uid: string, url: URL): Promise<void> {
    const store = this.#ctx.store;
    const here = `${url.pathname}${url.search}`;
    let details: Awaited<ReturnType<typeof rt.provider.interactionDetails>>;
    try {
      details = await rt.provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction mismatch');
    } catch {
      const lang = pickLang(url.searchParams.get('lang'), [], req.headers['accept-language']);
      const t = texts(lang);
      return sendHtml(res, 400, messagePage({ lang, title: t.sessionExpiredTitle, message: t.sessionExpired }));
    }
    const params = details.params as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const lang = pickLang(url.searchParams.get('lang'), [str(params['lang']), str(params['ui_locales']), str(params['kc_locale'])], req.headers['accept-language']);
    const switchHref = withLang(here, lang === 'de' ? 'en' : 'de');

    if (details.prompt.name !== 'login') {
      // consent (normally pre-granted by loadExistingGrant): grant what was asked, first-party clients only
      const grant = details.grantId
        ? await rt.provider.Grant.find(details.grantId)
        : new rt.provider.Grant({ accountId: details.session?.accountId, clientId: str(params['client_id']) });
      if (!grant) throw new Error('grant not found');
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await rt.provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    this.#sweep();
    const pendingKey = `${rt.name}:${uid}`;
    const pending = this.#pending.get(pendingKey);
    const pendingUser = pending ? rt.activeUser(pending.userId) : undefined;

    if (req.method === 'GET') {
      if (pendingUser) return sendHtml(res, 200, this.#requiredActionsPage(lang, here, switchHref, pendingUser));
      return sendHtml(res, 200, loginPage({ lang, action: here, switchHref, username: str(params['login_hint']) }));
    }
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Method Not Allowed' });

    const form = await readForm(req);
    if (form.get('step') === 'actions' && pendingUser) {
      const actions = [...pendingUser.requiredActions];
      const { errors, ...values } = validateActionsForm(lang, actions, form);
      if (Object.keys(errors).length > 0) {
        return sendHtml(res, 200, this.#requiredActionsPage(lang, here, switchHref, pendingUser, errors));
      }
      await completeActions(store, pendingUser, actions, values, false);
      this.#pending.delete(pendingKey);
      return this.#finishLogin(rt, req, res, pendingUser);
    }

    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    if (!username || !password) {
      return sendHtml(res, 200, loginPage({ lang, action: here, switchHref, username, error: 'missing' }));
    }
    const limiter = this.#ctx.settings.loginLimiter;
    const ip = req.socket.remoteAddress ?? 'unknown';
    const wait = await limiter.retryAfter(rt.name, ip, username);
    if (wait > 0) {
      return sendHtml(res, 429, loginPage({ lang, action: here, switchHref, username, error: 'locked', retryAfterSeconds: wait }), { 'retry-after': String(wait) });
    }
    const user = store.userByLogin(rt.record, username);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok || !user.enabled || user.serviceAccountClientId) {
      await limiter.failed(rt.name, ip, username);
      // the same answer for unknown users, wrong passwords and disabled accounts
      return sendHtml(res, 200, loginPage({ lang, action: here, switchHref, username, error: 'invalid' }));
    }
    await limiter.succeeded(rt.name, ip, username);
    if (user.requiredActions.length > 0) {
      this.#pending.set(pendingKey, { userId: user.id, expires: Date.now() + PENDING_TTL_MS });
      return sendHtml(res, 200, this.#requiredActionsPage(lang, here, switchHref, user));
    }
    return this.#finishLogin(rt, req, res, user);
  }

  async #finishLogin(rt: RealmRuntime, req: IncomingMessage, res: ServerResponse, user: UserRecord): Promise<void> {
    await rt.provider.interactionFinished(req, res, { login: { accountId: user.id, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
  }

  #requiredActionsPage(lang: Lang, action: string, switchHref: string, user: UserRecord, errors?: Parameters<typeof actionsPage>[0]['errors']): string {
    return actionsPage({
      lang,
      action,
      switchHref,
      actions: user.requiredActions.filter((a) => FORM_ACTIONS.has(a)),
      hidden: { step: 'actions' },
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      errors,
    });
  }

  async #actionToken(rt: RealmRuntime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const store = this.#ctx.store;
    const here = `${url.pathname}${url.search}`;
    const lang = pickLang(url.searchParams.get('lang'), [], req.headers['accept-language']);
    const switchHref = withLang(here, lang === 'de' ? 'en' : 'de');
    const t = texts(lang);
    const key = url.searchParams.get('key') ?? '';
    const now = Math.floor(Date.now() / 1000);
    const token = store.data.actionTokens.find((a) => a.key === key && a.realm === rt.name);
    const user = token ? store.userById(rt.record, token.userId) : undefined;
    if (!token || !user || token.usedAt !== null || token.expiresAt <= now) {
      return sendHtml(res, 400, messagePage({ lang, title: t.linkInvalidTitle, message: t.linkInvalid, switchHref }));
    }
    const actions = token.actions.filter((a) => FORM_ACTIONS.has(a));
    const page = (errors?: Parameters<typeof actionsPage>[0]['errors']) =>
      actionsPage({ lang, action: here, switchHref, actions, hidden: {}, username: user.username, firstName: user.firstName, lastName: user.lastName, errors });

    if (req.method === 'GET') return sendHtml(res, 200, page());
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Method Not Allowed' });
    const { errors, ...values } = validateActionsForm(lang, actions, await readForm(req));
    if (Object.keys(errors).length > 0) return sendHtml(res, 200, page(errors));
    token.usedAt = now;
    await completeActions(store, user, token.actions, values, true);
    const link = token.redirectUri ? { href: token.redirectUri, label: t.continueToApp } : undefined;
    sendHtml(res, 200, messagePage({ lang, title: t.setupDoneTitle, message: t.setupDone, link }));
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, p] of this.#pending) if (p.expires <= now) this.#pending.delete(key);
  }
}
