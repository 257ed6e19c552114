// Addresses are public API: a renamed construct ID moves a resource to a new address, and a
// deploy then destroys the old object and creates an empty one. This test holds every address
// of the app to the checked-in list beside it; examples.plan.test.ts does the same for the
// examples, which it synthesizes anyway. Regenerate with `npm run snapshot:addresses`.
import * as fs from 'fs';
import * as path from 'path';
import { describeAddressChanges } from '../../harness/address-changes';
import { parseAddressList, programAddresses } from '../../harness/addresses';
import { exampleNames } from '../../harness/examples';
import { synthesizeProject } from '../support/project';

const ROOT = path.join(__dirname, '..', '..');
const FILE = path.join(__dirname, 'addresses.json');
const recorded = parseAddressList(fs.readFileSync(FILE, 'utf8'), FILE);

describe('the checked-in address list', () => {
  test('covers the app and every example', () => {
    expect(Object.keys(recorded).sort()).toEqual(['app', ...exampleNames(ROOT).map((example) => `examples/${example}`)].sort());
  });

  test("every resource address of the app's stacks is the one in the list", () => {
    const change = describeAddressChanges('app', recorded.app, programAddresses(synthesizeProject()));
    // The message itself is the report: which stateful resources a deploy would lose, and how to keep them.
    if (change !== undefined) throw new Error(change);
  });

  test('the stateful resources of the app are the databases, file systems, buckets and secrets', () => {
    const stateful = Object.entries(recorded.app).flatMap(([stack, addresses]) =>
      Object.keys(addresses.stateful).map((address) => `${stack} ${address.slice(0, address.indexOf('.'))}`),
    );
    expect(stateful).toEqual(
      expect.arrayContaining([
        'state aws_s3_bucket',
        'prod aws_db_instance',
        'prod aws_efs_file_system',
        'prod aws_secretsmanager_secret',
        'prod-website aws_s3_bucket',
      ]),
    );
  });
});
