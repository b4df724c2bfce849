// Issue 15: Terraform in the browser. A pasted .tf file with a Lambda only in public subnets
// shows the red internet badge and rule L6; a chosen folder with a local module is read as one
// configuration (the module's resources by their addresses) and opens with its verdicts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appTest } from '../fixtures/test.mjs';
import { chooseFolder, dropFiles, TemplateDialog } from '../fixtures/TemplateDialog.mjs';
import { eventually } from '../fixtures/util.mjs';

const fixture = (p) => new URL(`../fixtures/terraform/${p}`, import.meta.url);

appTest('a pasted Terraform file with a Lambda only in public subnets shows the red internet badge and rule L6', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  await dialog.paste(readFileSync(fixture('public-subnet.tf'), 'utf8'));
  await dialog.read();
  assert.match(await dialog.summary.textContent(), /resources modelled/);
  await dialog.open();
  // Component ids are Terraform addresses, count instances included.
  await eventually(async () =>
    assert.equal(await app.canvas.badge('aws_lambda_function.orders', 'internet').getAttribute('data-reach'), 'unreachable'),
  );
  assert.equal(await app.page.getByTestId('canvas.node.aws_subnet.public[1]').getAttribute('data-public'), 'true');
  const card = await app.explain('aws_lambda_function.orders', 'internet');
  assert.equal(card.rule, 'L6', JSON.stringify(card));
  assert.match(card.text, /aws_subnet\.public\[0\]/);
});

appTest('a chosen Terraform folder with a local module opens as one design, its variables as fields', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  await chooseFolder(dialog, fileURLToPath(fixture('local-module')));
  const files = app.page.getByTestId('template.files');
  await files.waitFor();
  assert.match(await files.textContent(), /main\.tf/);
  assert.match(await files.textContent(), /modules\/network\/main\.tf/);
  await dialog.read();
  assert.match(await dialog.summary.textContent(), /resources modelled/);
  await dialog.open();
  // The module's NAT gateway gives the function in its private subnets the internet (L7).
  await eventually(async () =>
    assert.equal(await app.canvas.badge('aws_lambda_function.reports', 'internet').getAttribute('data-reach'), 'reachable'),
  );
  assert.equal(await app.page.getByTestId('canvas.node.module.network.aws_nat_gateway.this').count(), 1);
  const card = await app.explain('aws_lambda_function.reports', 'internet');
  assert.equal(card.rule, 'L7', JSON.stringify(card));
});

appTest('several Terraform files dropped at once are read together; one with a syntax error is named with its line', async (app) => {
  await app.open();
  const dialog = new TemplateDialog(app.page);
  await dropFiles(dialog, [
    { name: 'main.tf', text: 'resource "aws_vpc" "v" {\n  cidr_block = var.cidr\n}\n' },
    { name: 'variables.tf', text: 'variable "cidr" {\n  type = string\n  default =\n}\n' },
  ]);
  await app.page.getByTestId('template.files').waitFor();
  await dialog.read();
  await dialog.error.waitFor();
  assert.match(await dialog.error.textContent(), /variables\.tf:3:/);
  // Nothing opened: the design on the canvas is the starter still.
  assert.equal(await app.page.getByTestId('canvas.node.orders-fn').count(), 1);
});
