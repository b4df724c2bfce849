// Issue 7: a CloudFormation/SAM template pasted into "Import template" is read by the importer
// worker, reported, and opened as a new laid-out design whose verdicts are the engine's.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appTest } from '../fixtures/test.mjs';
import { chooseFile, dropFile, TemplateDialog } from '../fixtures/TemplateDialog.mjs';
import { eventually } from '../fixtures/util.mjs';
import { Library } from '../fixtures/Library.mjs';

const corpus = (name) => readFileSync(new URL(`../../crates/vpc-cfn/tests/templates/${name}`, import.meta.url), 'utf8');

appTest('a pasted SAM template with a Lambda in a public subnet shows the red internet badge and rule L6', async (app) => {
  // A returning visitor with a saved design of their own.
  await app.open({ design: readFileSync(new URL('../../designs/starter.json', import.meta.url), 'utf8') });
  const before = await app.canvas.badges();
  const dialog = new TemplateDialog(app.page);
  await dialog.paste(corpus('sam-public-subnet.yaml'));
  await dialog.read();

  // The report: what was not modelled is listed, never dropped.
  assert.match(await dialog.summary.textContent(), /^11 resources modelled, 1 not modelled, 0 skipped/);
  assert.match(await dialog.reportItem('not-modelled', 'OrdersApi').textContent(), /AWS::Serverless::Api/);
  await dialog.open();

  // Component ids are the template's logical ids; the subnet is public (routes to the IGW).
  await eventually(async () =>
    assert.equal(await app.canvas.badge('OrdersFunction', 'internet').getAttribute('data-reach'), 'unreachable'),
  );
  assert.equal(await app.page.getByTestId('canvas.node.PublicSubnetA').getAttribute('data-public'), 'true');
  const card = await app.explain('OrdersFunction', 'internet');
  assert.equal(card.rule, 'L6', JSON.stringify(card));
  assert.match(card.text, /OrdersFunction/);
  assert.match(card.text, /PublicSubnetA/);

  // Opening another design is not an edit: no change feedback compares the two.
  assert.equal(await app.page.getByTestId('feedback').count(), 0);

  // The import opened as a new design of "My designs": the previous one is kept, unchanged.
  await app.card.close();
  const library = new Library(app.page);
  const entries = await library.entries();
  assert.equal(entries.length, 2, JSON.stringify(entries));
  assert.equal(entries.filter((e) => e.current).length, 1);
  const previous = entries.findIndex((e) => !e.current);
  await library.item(previous, 'open').click();
  await eventually(async () => assert.deepEqual(await app.canvas.badges(), before));
});

appTest('a parameter without a default is assumed and shown; changing it imports with the new value', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  await dialog.paste(corpus('dual-stack.yaml'));
  await dialog.read();
  // No refusal: the report opens with Project assumed, and its field offers to change it.
  assert.match(await dialog.reportItem('parameter', 'Project').textContent(), /assumed/);
  assert.match(await dialog.paramSource('Project').textContent(), /^assumed · no verdict depends on it$/);
  assert.equal(await dialog.param('Project').inputValue(), 'assumed');
  await dialog.param('Project').fill('notes');
  await dialog.read();
  assert.match(await dialog.reportItem('parameter', 'Project').textContent(), /notes.*given/);
  await dialog.open();
  await eventually(async () => {
    const badges = await app.canvas.badges();
    assert.equal(badges['Resolver.internet-ipv6'], 'reachable', JSON.stringify(badges));
    assert.equal(badges['Resolver.internet'], 'unreachable');
  });
});

// Issue 18, first bullet: a value outside AllowedValues leaves every field in place with the
// message beside the wrong one; correcting it imports. NoEcho values are never shown.
appTest('a refused parameter value keeps the fields with the message beside it, and a NoEcho one stays hidden', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  const template = [
    'Parameters:',
    '  Stage: {Type: String, AllowedValues: [dev, prod]}',
    '  DbPassword: {Type: String, NoEcho: true}',
    'Resources:',
    '  Q: {Type: AWS::SQS::Queue}',
    '',
  ].join('\n');
  await dialog.paste(template);
  await dialog.read();
  assert.equal(await dialog.param('Stage').inputValue(), 'dev', 'the first allowed value');
  assert.equal(await dialog.param('DbPassword').getAttribute('type'), 'password');
  assert.equal(await dialog.param('DbPassword').inputValue(), '', 'a NoEcho value is never put back');
  assert.match(await dialog.reportItem('parameter', 'DbPassword').textContent(), /\*\*\*\*/);
  await dialog.param('DbPassword').fill('s3cret-value');
  await dialog.param('Stage').fill('staging');
  await dialog.read();
  assert.equal(await dialog.paramError('Stage').textContent(), 'parameter `Stage` cannot be `staging`: allowed values are dev, prod');
  assert.equal(await dialog.param('Stage').inputValue(), 'staging', 'the field stays, with what was typed');
  assert.equal(await dialog.param('DbPassword').count(), 1);
  assert.equal(await dialog.paramError('DbPassword').count(), 0);
  await dialog.param('Stage').fill('prod');
  await dialog.read();
  assert.match(await dialog.reportItem('parameter', 'Stage').textContent(), /prod.*given/);
  assert.doesNotMatch(await dialog.report.textContent(), /s3cret-value/);
  assert.match(await dialog.reportItem('parameter', 'DbPassword').textContent(), /\*\*\*\*.*given/);
});

appTest('a malformed template gets a specific message with its line and column, and the design is untouched', async (app) => {
  await app.open();
  const before = await app.canvas.badges();
  const dialog = new TemplateDialog(app.page);
  await dialog.paste('Resources:\n  Sub:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Reff Vpc\n');
  await dialog.read();
  const message = await dialog.error.textContent();
  assert.match(message, /unknown tag `!Reff`/);
  assert.match(message, /line 5, column 14/);
  assert.equal(await dialog.openButton.count(), 0);
  await app.page.getByTestId('template.close').click();
  assert.deepEqual(await app.canvas.badges(), before);
});

appTest('a template chosen with the file picker or dropped on the dialog fills the box and imports', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  const json = corpus('private-nat.json');
  await chooseFile(dialog, 'private-nat.json', json);
  await eventually(async () => assert.equal(await dialog.text.inputValue(), json));
  await app.page.getByTestId('template.close').click();

  const yaml = corpus('nat-instance.yaml');
  await dropFile(dialog, 'nat-instance.yaml', yaml);
  await eventually(async () => assert.equal(await dialog.text.inputValue(), yaml));
  await dialog.read();
  await dialog.open();
  await eventually(async () => assert.equal(await app.canvas.badge('Job', 'internet').getAttribute('data-reach'), 'reachable'));
});

appTest('a template pasted outside any field opens the import dialog with its text, nothing else changes', async (app) => {
  await app.open();
  const before = await app.storedDesign();
  const template = corpus('sam-public-subnet.yaml');
  await app.page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, template);
  const dialog = new TemplateDialog(app.page);
  await dialog.root.waitFor();
  assert.equal(await dialog.text.inputValue(), template);
  assert.equal(await app.storedDesign(), before, 'the design and its saved copy are untouched');
  await dialog.read();
  assert.match(await dialog.summary.textContent(), /^11 resources modelled/);
});

// Issue 14: a verdict that rests on what the template leaves open says so on its card.
appTest('the explanation card of a verdict through an assumed parameter says what it assumes', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  await dialog.paste(corpus('assumed.yaml'));
  await dialog.read();
  assert.match(await dialog.paramSource('VpcCidr').textContent(), /^assumed · shapes the network/);
  await dialog.open();
  await app.explain('Handler', 'internet');
  const note = app.page.getByTestId('explain.assumes');
  assert.match(
    await note.textContent(),
    /Assumes AppSubnet \(assumes parameter AppSubnetCidr\), Vpc \(assumes parameter VpcCidr\): the template leaves them open/,
  );
});

appTest('the import dialog takes the focus, keeps Tab inside, closes on Esc and gives the focus back', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  const testidOfFocus = () => app.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  // One overlay at a time: opening the dialog closes My designs.
  await app.page.getByTestId('toolbar.designs').click();
  await app.page.getByTestId('library.panel').waitFor();
  await dialog.button.click();
  await app.page.getByTestId('library.panel').waitFor({ state: 'detached' });
  await dialog.root.waitFor();
  await eventually(async () => assert.equal(await testidOfFocus(), 'template.text'));
  // Tab and Shift+Tab go round the dialog's controls and never leave it.
  for (let i = 0; i < 8; i++) {
    await app.page.keyboard.press('Tab');
    assert.ok(
      await app.page.evaluate(() => document.querySelector('[data-testid="template.dialog"]').contains(document.activeElement)),
      `Tab ${i + 1} stays in the dialog`,
    );
  }
  for (let i = 0; i < 8; i++) {
    await app.page.keyboard.press('Shift+Tab');
    assert.ok(
      await app.page.evaluate(() => document.querySelector('[data-testid="template.dialog"]').contains(document.activeElement)),
      `Shift+Tab ${i + 1} stays in the dialog`,
    );
  }
  await app.page.keyboard.press('Escape');
  await dialog.root.waitFor({ state: 'detached' });
  await eventually(async () => assert.equal(await testidOfFocus(), 'toolbar.import-template'));
});
