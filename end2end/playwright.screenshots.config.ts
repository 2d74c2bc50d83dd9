import base from './playwright.config';
import { defineConfig } from '@playwright/test';

// `npx playwright test -c playwright.screenshots.config.ts` refreshes docs/screenshots/.
export default defineConfig({ ...base, testDir: './screenshots' });
