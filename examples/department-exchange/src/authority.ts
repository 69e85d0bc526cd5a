// 数据局 (the data administration bureau) approves a sharing agreement: it signs a grant that lets a
// department see some person fields for one purpose. Run by run.ts before the exchange.
//   tsx --conditions=@gds/source src/authority.ts --to health --purpose elderly-health-follow-up
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGrant } from '@gds/policy';
import { DIR_OPTION, emit, layout, loadOrCreateKey, publish, run } from './common.js';

const ME = 'data-administration';

run(ME, async () => {
  const { values } = parseArgs({
    options: {
      ...DIR_OPTION,
      to: { type: 'string', default: 'health' },
      purpose: { type: 'string', default: 'elderly-health-follow-up' },
    },
  });
  const where = layout(values.dir);
  const { keyring, key } = await loadOrCreateKey(where.keys(ME), ME, 'sign');
  await publish(values.dir, ME, [key]);

  // Identity, name and birth date in clear (the records stay valid persons); the street address only
  // masked, down to the community. Fields not named here (marital status, ...) never leave the sender.
  const grant = await createGrant({
    signer: keyring.signer(key.kid),
    grantee: values.to,
    entity: 'person',
    purposes: [values.purpose],
    fields: ['/identity', '/name', '/birthDate', { path: '/residence/detail', form: 'masked' }],
    validUntil: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    basis: '区数据共享协议 2026-017（example agreement）',
  });
  await mkdir(where.grants, { recursive: true });
  const file = join(where.grants, `${values.to}-${grant.jti}.json`);
  await writeFile(file, `${JSON.stringify(grant, null, 2)}\n`);
  emit(ME, 'granted', { id: grant.jti, to: values.to, purpose: values.purpose, file });
  return 0;
});
