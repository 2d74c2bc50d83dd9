// Self-check for oidc/provider.mjs, without Trellis:
//
//   node oidc/selfcheck.mjs
//
// Starts the provider (its own process, on a free loopback port) and a stand-in relying party
// (a tiny http listener on another free port that only records its /auth/callback requests),
// checks discovery, then drives the authorization-code + PKCE flow in Debian's Chromium:
// login form -> redirect to the callback with code and state -> token endpoint with
// client_secret_basic -> ID token signature and claims. A second round reuses the provider
// session (no login form) and redeems its code with client_secret_post. A request without
// code_challenge must be rejected. Exit 0 on success, 1 on any failure.

import { spawn } from 'node:child_process';
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
const CLIENT_ID = 'trellis-e2e';
const CLIENT_SECRET = 'trellis-e2e-secret';
const LOGIN = 'tom.becker@lumen.example';
let REDIRECT_URI; // http://127.0.0.1:<free port>/auth/callback, served by startCallbackServer()

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const fail = (msg) => { throw new Error(msg); };
const check = (cond, msg) => { if (!cond) fail(msg); };

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The relying party's redirect_uri. (Playwright's route() does not see cross-origin redirect
// targets, so a real listener is used rather than request interception.)
async function startCallbackServer() {
  const waiters = [];
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (url.pathname === '/auth/callback') waiters.shift()?.(url);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('callback reached');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const uri = `http://127.0.0.1:${server.address().port}/auth/callback`;
  const next = (what) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no redirect to ${uri} within 15s (${what})`)), 15_000);
    waiters.push((url) => { clearTimeout(timer); resolve(url); });
  });
  const close = () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
  return { uri, next, close };
}

function startProviderProcess(port) {
  const child = spawn(process.execPath, [join(here, 'provider.mjs')], {
    env: { ...process.env, OIDC_PORT: String(port), OIDC_REDIRECT_URI: REDIRECT_URI },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider did not start within 20s:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/oidc-provider listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.once('exit', (code, signal) => { output += `\n[provider process exited: code=${code} signal=${signal}]\n`; clearTimeout(timer); reject(new Error(`provider exited (${code}) before ready:\n${output}`)); });
  });
  return { child, ready, output: () => output };
}

function stopProviderProcess(child) {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve('killed'); }, 5_000);
    child.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    child.kill('SIGTERM');
  });
}

function authRequest(discovery, { withPkce = true } = {}) {
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    state,
    nonce,
    ...(withPkce ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  }).toString();
  return { url: url.href, state, nonce, verifier };
}

async function redeem(discovery, code, verifier, method) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier,
  });
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (method === 'client_secret_basic') {
    const basic = `${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  } else {
    form.set('client_id', CLIENT_ID);
    form.set('client_secret', CLIENT_SECRET);
  }
  const res = await fetch(discovery.token_endpoint, { method: 'POST', headers, body: form });
  const body = await res.json();
  check(res.ok, `token endpoint (${method}) answered ${res.status}: ${JSON.stringify(body)}`);
  check(typeof body.id_token === 'string', `no id_token in token response: ${JSON.stringify(body)}`);
  return body;
}

async function verifyIdToken(discovery, idToken, expected) {
  const [h, p, s] = idToken.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  check(header.alg === 'RS256', `ID token alg is ${header.alg}, expected RS256`);
  const jwks = await (await fetch(discovery.jwks_uri)).json();
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  check(jwk, `no JWKS key with kid ${header.kid}`);
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
  check(ok, 'ID token signature does not verify against the JWKS');

  const want = {
    iss: discovery.issuer,
    aud: CLIENT_ID,
    nonce: expected.nonce,
    sub: LOGIN,
    email: LOGIN,
    email_verified: true,
    name: 'Tom Becker',
  };
  for (const [k, v] of Object.entries(want)) {
    check(claims[k] === v, `ID token claim ${k} = ${JSON.stringify(claims[k])}, expected ${JSON.stringify(v)}`);
  }
  const now = Math.floor(Date.now() / 1000);
  check(claims.exp > now && claims.iat <= now + 5, `ID token times are off: iat=${claims.iat} exp=${claims.exp}`);
  return { header, claims };
}

async function main() {
  const rp = await startCallbackServer();
  REDIRECT_URI = rp.uri;
  const port = Number(process.env.OIDC_PORT ?? await freePort());
  const proc = startProviderProcess(port);
  let browser;
  try {
    const issuer = await proc.ready;
    console.log(`provider up: ${issuer} (redirect_uri ${REDIRECT_URI})`);
    check(issuer === `http://127.0.0.1:${port}`, `unexpected issuer line ${issuer}`);

    // Discovery.
    const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    check(discovery.issuer === issuer, `discovery issuer ${discovery.issuer}`);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
      check(typeof discovery[key] === 'string' && discovery[key].startsWith(`${issuer}/`), `discovery ${key} = ${discovery[key]}`);
      console.log(`  ${key}: ${discovery[key]}`);
    }
    check(discovery.code_challenge_methods_supported?.includes('S256'), 'S256 not advertised');

    // PKCE is required: no code_challenge -> error redirect.
    {
      const { url, state } = authRequest(discovery, { withPkce: false });
      const res = await fetch(url, { redirect: 'manual' });
      const location = new URL(res.headers.get('location') ?? 'about:blank', issuer);
      check(res.status === 303 || res.status === 302, `no-PKCE request answered ${res.status}`);
      check(location.href.startsWith(REDIRECT_URI) && location.searchParams.get('error') === 'invalid_request'
        && location.searchParams.get('state') === state, `no-PKCE request was not rejected: ${location.href}`);
      console.log(`  without code_challenge: ${location.searchParams.get('error')} (${location.searchParams.get('error_description')})`);
    }

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const context = await browser.newContext();
    const page = await context.newPage();

    const nextCallback = () => rp.next(`page: ${page.url()}`);
    const callbackParams = (cb, state) => {
      check(!cb.searchParams.get('error'), `authorization error: ${cb.searchParams.get('error')} ${cb.searchParams.get('error_description')}`);
      check(cb.searchParams.get('state') === state, `state mismatch: ${cb.searchParams.get('state')} != ${state}`);
      check(cb.searchParams.get('iss') === discovery.issuer, `iss in callback = ${cb.searchParams.get('iss')}`);
      const code = cb.searchParams.get('code');
      check(code, 'no code in callback');
      return code;
    };

    // Round 1: login form, then straight back (no consent screen), client_secret_basic.
    {
      const req = authRequest(discovery);
      const callback = nextCallback();
      await page.goto(req.url);
      await page.getByRole('heading', { name: 'Sign-in' }).waitFor({ timeout: 10_000 });
      await page.getByPlaceholder('Enter any login').fill(LOGIN);
      await page.getByPlaceholder('and password').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      const cb = await Promise.race([
        callback,
        page.getByRole('heading', { name: 'Authorize' }).waitFor({ timeout: 15_000 })
          .then(() => fail('a consent screen ("Authorize" / "Continue") appeared after login')),
      ]);
      const code = callbackParams(cb, req.state);
      console.log(`  round 1 callback: ${cb.origin}${cb.pathname}?code=…&state=ok&iss=ok`);
      const tokens = await redeem(discovery, code, req.verifier, 'client_secret_basic');
      const { header, claims } = await verifyIdToken(discovery, tokens.id_token, req);
      console.log(`  token response (client_secret_basic): token_type=${tokens.token_type}, scope=${tokens.scope}, expires_in=${tokens.expires_in}`);
      console.log(`  ID token header: ${JSON.stringify(header)}`);
      console.log(`  ID token claims: ${JSON.stringify(claims, null, 2).replace(/\n/g, '\n  ')}`);

      // A code is single use.
      const again = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: req.verifier }),
      });
      check(again.status === 400, `reused code answered ${again.status}`);
    }

    // Round 2: existing provider session -> no login form; client_secret_post.
    {
      const req = authRequest(discovery);
      const callback = nextCallback();
      await page.goto(req.url);
      const code = callbackParams(await callback, req.state);
      const tokens = await redeem(discovery, code, req.verifier, 'client_secret_post');
      await verifyIdToken(discovery, tokens.id_token, req);
      console.log('  round 2 (existing session, client_secret_post): ok');
    }

    // A wrong code_verifier is refused.
    {
      const req = authRequest(discovery);
      const callback = nextCallback();
      await page.goto(req.url);
      const code = callbackParams(await callback, req.state);
      const res = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: b64url(randomBytes(32)) }),
      });
      const body = await res.json();
      check(res.status === 400 && body.error === 'invalid_grant', `wrong code_verifier answered ${res.status} ${JSON.stringify(body)}`);
      console.log(`  wrong code_verifier: ${body.error} (${body.error_description})`);
    }

    await browser.close();
    browser = undefined;
    const exit = await stopProviderProcess(proc.child);
    check(exit === 0, `provider did not exit cleanly on SIGTERM (${exit})`);
    console.log('  SIGTERM: provider stopped');
    console.log('selfcheck OK');
    return 0;
  } catch (err) {
    console.error(`selfcheck FAILED: ${err.message}`);
    const out = proc.output();
    if (out) console.error(`--- provider output ---\n${out}`);
    return 1;
  } finally {
    await browser?.close().catch(() => {});
    await stopProviderProcess(proc.child);
    await rp.close();
  }
}

process.exit(await main());
