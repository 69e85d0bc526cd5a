// 卫健委 (health) receives resident records from civil affairs:
//   init      generates our encryption key and publishes the public half;
//   receive   checks the disclosure receipt against the sender's log key, then for every envelope:
//             verifies the signature and sender (allow-list), opens it, validates the record, and
//             checks that the disclosure lists it. Prints one JSON line per envelope.
//   tsx --conditions=@gds/source src/receiver.ts receive --inbox <outbox folder of a batch>
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GdsCryptoError, Keyring, openEnvelope } from '@gds/crypto';
import { parsePolicy } from '@gds/ledger';
import { type Disclosure, verifyDisclosure } from '@gds/policy';
import { getStandard } from '@gds/schema';
import {
  DIR_OPTION,
  ExchangeError,
  emit,
  layout,
  loadOrCreateKey,
  publish,
  readPeer,
  run,
} from './common.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...DIR_OPTION,
    as: { type: 'string', default: 'health' },
    keys: { type: 'string' },
    inbox: { type: 'string' },
    // The allow-list: departments whose envelopes we accept.
    trust: { type: 'string', multiple: true, default: ['civil-affairs'] },
  },
});
const ME = values.as;

run(ME, async () => {
  const { keyring, key } = await loadOrCreateKey(values.keys ?? layout(values.dir).keys(ME), ME, 'encrypt');
  if (positionals[0] === 'init') {
    await publish(values.dir, ME, [key]);
    emit(ME, 'published', { kid: key.kid });
    return 0;
  }
  if (positionals[0] !== 'receive' || !values.inbox) {
    throw new ExchangeError(
      'GDS_EXCHANGE_CONFIG',
      '用法：receiver.ts init | receive --inbox <目录>',
      'usage: receiver.ts init | receive --inbox <folder>',
    );
  }

  // Trusted senders' signing keys, and their disclosure-log keys (a log signs its checkpoints alone:
  // no witnesses in this example, hence `quorum none`).
  const senders = await Keyring.create();
  const logKeys: string[] = [];
  for (const dept of values.trust) {
    const peer = await readPeer(values.dir, dept);
    for (const k of peer.keys) if (k.use === 'sign') await senders.add(k);
    if (peer.log) logKeys.push(peer.log);
  }
  const logPolicy = parsePolicy(`${logKeys.map((k) => `log ${k}`).join('\n')}\nquorum none\n`);

  // The receipt first: a disclosure not provably in a trusted sender's log makes the batch unaccountable.
  const { disclosure, receipt } = JSON.parse(
    await readFile(join(values.inbox, 'disclosure.json'), 'utf8'),
  ) as {
    disclosure: Disclosure;
    receipt: unknown;
  };
  const inLog = await verifyDisclosure(disclosure, receipt, logPolicy);
  if (inLog.valid) emit(ME, 'receipt', { valid: true, index: inLog.index, disclosure: disclosure.id });
  else emit(ME, 'receipt', { valid: false, code: inLog.issue.code, message: inLog.issue.message });

  let accepted = 0;
  let rejected = 0;
  const received = new Set<string>();
  const lines = (await readFile(join(values.inbox, 'envelopes.ndjson'), 'utf8')).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const reject = (code: string, message: string, more: Record<string, unknown> = {}) => {
      rejected++;
      emit(ME, 'rejected', { line: i + 1, code, message, ...more });
    };
    try {
      // Verifies every proof against the allow-listed senders' keys and that we are the audience,
      // then decrypts with our key; the payload is returned only if all of that passed.
      const { header, payload, proofs } = await openEnvelope<Record<string, unknown>>(lines[i], {
        keys: senders,
        decryptWith: keyring,
        audience: ME,
        issuer: values.trust,
      });
      if (!inLog.valid) {
        reject(inLog.issue.code, inLog.issue.message, { id: payload.id });
        continue;
      }
      const standard = header.std && getStandard(header.std.id, header.std.version);
      const checked = standard?.validate(payload);
      if (!checked?.ok) {
        const issues = checked?.issues.map((x) => ({ code: x.code, path: x.path, message: x.message })) ?? [];
        reject('GDS_SCHEMA_INVALID_RECORD', '记录不符合标准（the record does not meet its standard）', {
          issues,
        });
        continue;
      }
      const id = String(payload.id);
      if (disclosure.to.department !== ME || !disclosure.records.includes(id) || received.has(id)) {
        const e = new ExchangeError(
          'GDS_EXCHANGE_NOT_DISCLOSED',
          `记录 ${id} 不在给本部门的披露记录中，或重复`,
          `record ${id} is not in the disclosure to us, or came twice`,
        );
        reject(e.code, e.message, { id });
        continue;
      }
      received.add(id);
      accepted++;
      emit(ME, 'accepted', {
        line: i + 1,
        id,
        from: header.iss,
        kid: proofs[0]!.kid,
        standard: `${header.std!.id}@${header.std!.version}`,
        record: payload,
      });
    } catch (e) {
      if (!(e instanceof GdsCryptoError)) throw e;
      reject(e.code, e.message);
    }
  }

  const missing = disclosure.records.filter((id) => !received.has(id));
  emit(ME, 'summary', { accepted, rejected, disclosed: disclosure.records.length, missing });
  return rejected === 0 && missing.length === 0 && inLog.valid ? 0 : 1;
});
