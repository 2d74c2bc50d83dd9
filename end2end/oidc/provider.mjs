// A local OpenID Connect provider for the browser tests (npm `oidc-provider` v8, Node 20).
//
//   OIDC_PORT=3101 OIDC_REDIRECT_URI=http://127.0.0.1:3100/auth/callback node oidc/provider.mjs
//
// Issuer: http://127.0.0.1:${OIDC_PORT}. Plain http on loopback works without extra settings:
// the provider only marks cookies `Secure` when the request itself is https, and `proxy` stays
// off so stray `X-Forwarded-*` headers are ignored.
//
// Sign-in uses oidc-provider's development login page (devInteractions): any login and any
// password are accepted, and the login typed becomes the account id (`sub`). Consent is granted
// automatically for the test client, so after "Sign-in" the browser goes straight back to the
// redirect_uri with `code` and `state`.
//
// Importable too: `startProvider({ port, redirectUri })` resolves to `{ issuer, server, close }`.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

import Provider from 'oidc-provider';

export const CLIENT_ID = 'trellis-e2e';
export const CLIENT_SECRET = 'trellis-e2e-secret';
export const DEFAULT_PORT = 3101;
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:3102/auth/callback';
const SCOPES = ['openid', 'email', 'profile'];

// "tom.becker@lumen.example" -> "Tom Becker"; "anna_maria-k" -> "Anna Maria K".
export function nameFromLogin(login) {
  const local = login.split('@')[0];
  const words = local.split(/[._\-+\s]+/).filter(Boolean);
  if (words.length === 0) return login;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

export function claimsFor(id) {
  return {
    sub: id,
    email: id.includes('@') ? id : `${id}@lumen.example`,
    email_verified: true,
    name: nameFromLogin(id),
  };
}

function signingKeys() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: `e2e-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' }] };
}

// The token endpoint checks the client's single registered auth method strictly. The client is
// registered for client_secret_basic; a request using client_secret_post (client_id and
// client_secret in the form body, no Authorization header) is rewritten to Basic here so both work.
function acceptClientSecretPost(provider) {
  return async function clientSecretPostToBasic(ctx, next) {
    if (
      ctx.method === 'POST'
      && ctx.path === new URL(provider.urlFor('token')).pathname
      && !ctx.get('authorization')
      && ctx.is('application/x-www-form-urlencoded')
    ) {
      const chunks = [];
      for await (const chunk of ctx.req) chunks.push(chunk);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const id = form.get('client_id');
      const secret = form.get('client_secret');
      if (id !== null && secret !== null) {
        form.delete('client_id');
        form.delete('client_secret');
        const basic = `${encodeURIComponent(id)}:${encodeURIComponent(secret)}`;
        ctx.req.headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
      }
      // The body stream is consumed; oidc-provider then reads `req.body` (a string) instead.
      ctx.req.body = form.toString();
    }
    await next();
  };
}

// The dev login page @imports a Google font; these tests run offline, so drop it.
async function noRemoteFonts(ctx, next) {
  await next();
  if (typeof ctx.body === 'string' && ctx.type === 'text/html') {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);/g, '');
  }
}

export async function startProvider({
  port = Number(process.env.OIDC_PORT ?? DEFAULT_PORT),
  host = '127.0.0.1',
  redirectUri = process.env.OIDC_REDIRECT_URI ?? DEFAULT_REDIRECT_URI,
  log = true,
} = {}) {
  const issuer = `http://${host}:${port}`;
  const redirectUris = redirectUri.split(/[\s,]+/).filter(Boolean);

  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    }],
    jwks: signingKeys(),
    pkce: { methods: ['S256'], required: () => true },
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Scope-requested claims go into the ID token itself, not only the userinfo response.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
    },
    async findAccount(ctx, id) {
      return {
        accountId: id,
        async claims() {
          return claimsFor(id);
        },
      };
    },
    // First-party test client: consent is implied, so no consent screen after the login form.
    async loadExistingGrant(ctx) {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      if (client.clientId !== CLIENT_ID || !session.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    cookies: {
      // Cookies are per host, not per port: keep these apart from Trellis's own on 127.0.0.1.
      names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_interaction_resume' },
      // SameSite=None needs Secure, which plain http cannot have; Lax is enough here.
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
      keys: [randomBytes(32).toString('hex')],
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html><head><title>oidc-provider error</title></head><body><h1>oidc-provider error</h1><pre>${
        Object.entries(out).map(([k, v]) => `${k}: ${String(v).replace(/[<>&]/g, '')}`).join('\n')
      }</pre></body></html>`;
    },
  });
  provider.proxy = false;
  provider.use(noRemoteFonts);
  provider.use(acceptClientSecretPost(provider));
  if (log) {
    provider.on('server_error', (ctx, err) => console.error('oidc-provider server_error:', err));
    provider.on('grant.error', (ctx, err) => console.error('oidc-provider grant.error:', err.message, err.error_description ?? ''));
    provider.on('authorization.error', (ctx, err) => console.error('oidc-provider authorization.error:', err.message, err.error_description ?? ''));
  }

  const server = createServer(provider.callback());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });

  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

  return { issuer, provider, server, close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { issuer, close } = await startProvider();
  console.log(`oidc-provider listening on ${issuer}`);
  const stop = async (signal) => {
    await close();
    console.log(`oidc-provider stopped (${signal})`);
    process.exit(0);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
