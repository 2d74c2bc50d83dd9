import { defineConfig } from '@playwright/test';

// Two servers under test, each with a fresh SQLite database holding the demo company:
// - the demo instance (persona sign-in) on 3100, used by most tests;
// - an SSO instance on 3102 that signs in through a real OpenID provider on 3101
//   (oidc-provider's development login page), where demo sign-in is off.
const port = process.env.TRELLIS_E2E_PORT ?? '3100';
const oidcPort = '3101';
const ssoPort = '3102';
export const ssoBaseURL = `http://127.0.0.1:${ssoPort}`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Two cores: one browser worker beside the server keeps timings stable.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not available here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: 'bash ./start-server.sh',
      url: `http://127.0.0.1:${port}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { TRELLIS_E2E_PORT: port },
    },
    {
      command: 'node oidc/provider.mjs',
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'ignore',
      env: { OIDC_PORT: oidcPort, OIDC_REDIRECT_URI: `${ssoBaseURL}/auth/callback` },
    },
    {
      command: 'bash ./start-server.sh',
      url: `${ssoBaseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        TRELLIS_E2E_PORT: ssoPort,
        TRELLIS_E2E_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
      },
    },
  ],
});
