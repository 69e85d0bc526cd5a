// Starts the vendor service: `npm start -w @gds/example-vendor-integration -- [options]`.
// The only file of this example that prints or exits.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { KeyInfo } from '@gds/crypto';
import { createApp } from './app.js';
import { loadOrCreateKey, readPublicKey } from './keys.js';
import { listen } from './listen.js';

const usage = `tsx --conditions=@gds/source src/server.ts [options]
  --port <n>                 端口（port）; env PORT, default 8787 (0 = any free port)
  --host <addr>              监听地址（listen address）, default 127.0.0.1
  --keys <dir>               本系统的密钥环目录（our keyring folder）, default .gds/keys of this example
  --department <id>          本部门（sender department）, default grid-management
  --platform-key <file>      平台的加密公钥（platform public encryption key, JWK from gds keys export）; env GDS_PLATFORM_KEY
  --platform <id>            平台部门（platform department）, default data-administration
  --demo-platform            没有平台公钥时，在 .gds/demo-platform 生成一个演示平台密钥（a local stand-in platform, for trying it out）
Secret keys are encrypted under the passphrase in $GDS_PASSPHRASE.`;

const here = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      keys: { type: 'string', default: here('.gds/keys') },
      department: { type: 'string', default: 'grid-management' },
      'platform-key': { type: 'string' },
      platform: { type: 'string', default: 'data-administration' },
      'demo-platform': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const passphrase = process.env.GDS_PASSPHRASE;
  if (!passphrase)
    throw new Error(
      '请设置 GDS_PASSPHRASE，用于加密保存私钥（set GDS_PASSPHRASE: it encrypts the secret keys at rest）',
    );

  const vendor = await loadOrCreateKey({
    dir: values.keys,
    passphrase,
    use: 'sign',
    issuer: values.department,
  });
  if (vendor.created) console.log(`generated signing key ${vendor.key.kid} in ${values.keys}`);

  const platformKeyFile = values['platform-key'] ?? process.env.GDS_PLATFORM_KEY;
  let platformKey: KeyInfo;
  if (platformKeyFile) {
    platformKey = await readPublicKey(platformKeyFile);
  } else if (values['demo-platform']) {
    // A stand-in for the platform, so the service can be tried alone; open its envelopes with
    // `gds open <file> --keys <this example>/.gds/demo-platform --audience data-administration`.
    const dir = here('.gds/demo-platform');
    platformKey = (await loadOrCreateKey({ dir, passphrase, use: 'encrypt', issuer: values.platform })).key;
    console.log(`demo platform key ${platformKey.kid} in ${dir} (for trying out only)`);
  } else {
    throw new Error(
      '需要平台的加密公钥：--platform-key <file> 或 GDS_PLATFORM_KEY；仅试用时可加 --demo-platform（the platform public encryption key is needed: --platform-key <file> or GDS_PLATFORM_KEY; --demo-platform to try it out）',
    );
  }

  const app = createApp({
    keyring: vendor.keyring,
    platform: { department: values.platform, key: platformKey },
  });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  const { url } = await listen(app, { port, hostname: values.host });
  console.log(`vendor service (${values.department}) listening on ${url}`);
  console.log(`  POST ${url}/records/person   sealed for ${values.platform} (${platformKey.kid})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  console.error(usage);
  process.exit(1);
});
