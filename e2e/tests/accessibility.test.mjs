// Issue 16, "Accessibility": the axe-core audit of the starter, a lesson, the import dialog and
// the My designs panel, in English and in Chinese, failing on any serious or critical
// violation (fixtures/axe.mjs prints each rule, the elements and the help page).

import { appTest } from '../fixtures/test.mjs';
import { auditAll } from '../fixtures/axe.mjs';
import { Lessons } from '../fixtures/Lessons.mjs';
import { Library } from '../fixtures/Library.mjs';
import { TemplateDialog } from '../fixtures/TemplateDialog.mjs';

for (const lang of ['en', 'zh']) {
  appTest(`axe finds no serious or critical violation on the starter, a lesson, the import dialog and My designs (${lang})`, async (app) => {
    await app.open({ lang });
    await auditAll(app.page, async (audit) => {
      await audit(`the starter (${lang})`);
  

      // A verdict opened: the explanation card and the highlighted path.
      await app.canvas.badge('orders-fn', 'internet').click();
      await app.card.root.waitFor();
      await audit(`the starter with the internet verdict explained (${lang})`);

      const dialog = new TemplateDialog(app.page);
      await dialog.button.click();
      await dialog.root.waitFor();
      await audit(`the import dialog (${lang})`);
      await app.page.keyboard.press('Escape');
      await dialog.root.waitFor({ state: 'detached' });

      const library = new Library(app.page);
      await library.open();
      await audit(`the My designs panel (${lang})`);
      await library.close();

      const lessons = new Lessons(app.page);
      await lessons.openButton.click();
      await lessons.list.waitFor();
      await audit(`the lesson list (${lang})`);
      await lessons.start('public-subnet-trap');
      await audit(`the lesson "public-subnet-trap" (${lang})`);
    });
  });
}
