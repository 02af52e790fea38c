import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserScenarios } from './four-scenario.js';
import { tableReady } from './flows.js';
import { Player, skipBrowser, startHarness, type Harness } from './harness.js';

// Solo practice in Chromium: the student asks a bot a quick question and floats a package in the talks,
// and the bots answer in the channel (issue 15).
describe.skipIf(skipBrowser)('talking with bots in solo practice', () => {
  const { scenarios } = browserScenarios();
  const s = scenarios.get('ukraine_peace_talks');
  let h: Harness;
  let p: Player;
  const before = process.env.BOT_DELAY_MS;

  beforeAll(async () => {
    process.env.BOT_DELAY_MS = '400';
    h = await startHarness(scenarios);
  }, 120_000);

  afterAll(async () => {
    if (before === undefined) delete process.env.BOT_DELAY_MS;
    else process.env.BOT_DELAY_MS = before;
    await p?.context.close();
    await h?.close();
  });

  it.skipIf(!s)(
    'a quick question gets an honest answer, a floated package a verdict from every bot',
    async () => {
      const russia = s!.roles.find((r) => r.id === 'russia')!;
      const [issue, option] = russia.redLines[0].split('.');
      const issueOf = s!.issues.find((i) => i.id === issue)!;
      const optionLabel = issueOf.options.find((o) => o.id === option)!.label;

      p = await Player.open(h, 'student');
      await p.id('screen-start').waitFor();
      await p.page.waitForFunction(
        () => !!document.querySelector('[data-testid="solo-scenario"] option[value="ukraine_peace_talks"]'),
      );
      await p.id('solo-scenario').selectOption('ukraine_peace_talks');
      await p.id('solo-role').selectOption('ukraine');
      await p.id('solo-name').fill('Olena');
      await p.click('solo-start');
      await p.id('screen-briefing').waitFor();
      await p.click('briefing-continue');
      await tableReady(p);
      await p.click('ready'); // setup: the bots are ready already
      await p.waitText('phase', /news/i);
      await p.click('ready');
      await p.waitText('phase', /talks/i);

      // Ask Russia, in the bilateral channel, whether it could live with one of its red lines.
      await p.click('tab-talks');
      await p.click('channel-bi-russia-ukraine');
      await p.id('ask-open').locator('summary').click();
      await p.id('ask-kind').selectOption('live_with');
      await p.id('ask-issue').selectOption(issue);
      await p.id('ask-option').selectOption(option);
      await p.click('ask-send');
      await p.page.waitForFunction(
        (label) =>
          [...document.querySelectorAll('[data-testid="messages"] li')].some(
            (li) =>
              li.textContent?.startsWith('Russia') &&
              li.textContent.includes(label) &&
              /red line/i.test(li.textContent),
          ),
        optionLabel,
        { timeout: 15_000, polling: 100 },
      );
      await p.shot('talk-question');

      // Float a package on the public table: every bot answers with a verdict.
      await p.click('channel-public');
      await p.id('float-open').locator('summary').click();
      const terms = {
        ceasefire: s!.issues.find((i) => i.id === 'ceasefire')!.options[1].id,
        guarantees: s!.issues.find((i) => i.id === 'guarantees')!.options[2].id,
      };
      for (const [i, o] of Object.entries(terms)) await p.id(`float-issue-${i}`).selectOption(o);
      await p.click('float-send');
      await p.page.waitForFunction(
        () => document.querySelectorAll('[data-testid="messages"] [data-testid="verdict"]').length >= 3,
        undefined,
        { timeout: 20_000, polling: 100 },
      );
      const lines = await p.page.locator('[data-testid="messages"] li').allTextContents();
      const answers = lines.filter((l) => /\((acceptable|with a change|not acceptable|red line)\)$/.test(l));
      expect(answers.map((l) => l.split(':')[0]).sort()).toEqual(['Europe', 'Russia', 'United States']);
      for (const a of answers) expect(a).not.toMatch(/\b\d{1,2}\b/); // no points, no walk-away figures
      await p.shot('talk-float');
      expect(p.errors).toEqual([]);
    },
    90_000,
  );
});
