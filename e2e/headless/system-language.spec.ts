// A first start on a French system: the window speaks French and shows the catalog's French
// synopses until the user picks a language; English, once picked, stays after a reload.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.js';

test.use({ locale: 'fr-FR' });

const TITLE_ID = 'translated-film';

async function translatedCatalog(dir: string): Promise<string> {
  const path = join(dir, 'translated-catalog.json');
  const catalog = {
    format: 'essaim-catalog',
    version: 1,
    name: 'Translated',
    titles: [
      {
        id: TITLE_ID,
        kind: 'film',
        name: 'The Stubborn Llama',
        synopsis: 'A stubborn llama wants to cross the road.',
        translations: {
          fr: { name: 'Le Lama têtu', synopsis: 'Un lama têtu veut traverser la route.' },
        },
        source: 'magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&dn=Llama',
      },
    ],
  };
  await writeFile(path, JSON.stringify(catalog));
  return path;
}

test('a fresh start follows the system language until English is picked, which is kept', async ({
  page,
  launchApp,
  workDir,
}) => {
  const app = await launchApp({ extraArgs: ['--catalog', await translatedCatalog(workDir)] });
  await page.goto(app.url);

  await expect(page.getByTestId('tab-titles')).toHaveText(/Titres/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const card = page.locator(`[data-title-id="${TITLE_ID}"]`);
  await expect(card).toContainText('Le Lama têtu');
  await expect(card).toContainText('Un lama têtu veut traverser la route.');
  await card.getByRole('button', { name: 'Le Lama têtu' }).click();
  await expect(page.getByTestId('details-synopsis')).toHaveText(
    'Un lama têtu veut traverser la route.',
  );

  await page.getByTestId('settings-button').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog.getByLabel('Langue')).toHaveValue('system');
  await dialog.getByLabel('Langue').selectOption('en');
  await expect(dialog).toContainText('Settings');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('details-synopsis')).toHaveText(
    'A stubborn llama wants to cross the road.',
  );

  await page.reload();
  await expect(page.getByTestId('tab-titles')).toHaveText(/Titles/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
