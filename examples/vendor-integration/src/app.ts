import {
  GdsCryptoError,
  type JsonValue,
  type KeyInfo,
  type Keyring,
  parseJson,
  type SealedEnvelope,
  sealEnvelope,
} from '@gds/crypto';
import { GdsSchemaError, getStandard, type Issue, type Locale, type Standard } from '@gds/schema';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { publicKeyFile } from './keys.js';

/** Options of {@link createApp}. */
export interface VendorAppOptions {
  /** The vendor's keyring; its newest active signing key signs, and its issuer is the sender. */
  keyring: Keyring;
  /** The platform the accepted records are sealed for: its department id and public encryption key. */
  platform: { department: string; key: KeyInfo };
  /** Entities accepted at `POST /records/:standard` (latest release of each); default person and household. */
  standards?: readonly string[];
  /** Largest request body in bytes; default 1 MiB. Larger bodies get 413. */
  maxBodyBytes?: number;
}

/** An issue as the API answers it: the stable code, where, and the message in the caller's language. */
export interface IssueReply {
  code: string;
  severity: 'error' | 'warning';
  path: readonly (string | number)[];
  message: string;
}

/** The answer for one record (the whole reply for one JSON record, one element of a batch's `results`). */
export type RecordReply =
  | { status: 'accepted'; id: string; envelope: SealedEnvelope; warnings: IssueReply[] }
  | { status: 'rejected'; issues: IssueReply[] }
  | { status: 'malformed'; error: ErrorBody };

/** A request-level error: stable code, bilingual message (zh-CN first) and both halves. */
export interface ErrorBody {
  code: string;
  message: string;
  messageZh: string;
  messageEn: string;
}

/** The answer to an NDJSON batch: one result per non-blank line; the counts always add up. */
export interface BatchReply {
  received: number;
  accepted: number;
  rejected: number;
  malformed: number;
  results: Array<{ line: number } & RecordReply>;
}

const errorBody = (code: string, zh: string, en: string): ErrorBody => ({
  code,
  message: `${zh}（${en}）`,
  messageZh: zh,
  messageEn: en,
});

const fail = (c: Context, status: ContentfulStatusCode, code: string, zh: string, en: string) =>
  c.json({ error: errorBody(code, zh, en) }, status);

/** The caller's first listed language decides: English for `en*`, Chinese otherwise. */
function localeOf(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

const reply = (i: Issue): IssueReply => ({
  code: i.code,
  severity: i.severity,
  path: i.path,
  message: i.message,
});

/**
 * The vendor's HTTP API as a Hono app (serve it with `@hono/node-server`, see `server.ts`):
 *
 * - `GET /health`: status, the sender department, its signing key id, the platform key id;
 * - `GET /keys`: the vendor's public signing key (JWK as `gds keys export` writes it), for the platform;
 * - `POST /records/:standard`: one record (`application/json`) or a batch (`application/x-ndjson`),
 *   validated with `@gds/schema`; accepted records come back sealed for the platform.
 *
 * @example
 * ```ts
 * const app = createApp({ keyring, platform: { department: 'data-administration', key: platformKey } });
 * const res = await app.request('/records/person', { method: 'POST', body: JSON.stringify(record),
 *   headers: { 'content-type': 'application/json' } });
 * ```
 */
export function createApp(options: VendorAppOptions): Hono {
  const { keyring, platform } = options;
  const signer = keyring.signer();
  const signingKey = keyring.get(signer.kid)!;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const standards = new Map<string, Standard>();
  for (const entity of options.standards ?? ['person', 'household']) {
    const standard = getStandard(entity);
    if (!standard) {
      throw new GdsSchemaError(
        'GDS_SCHEMA_UNKNOWN_STANDARD',
        `options.standards 中的标准 ${entity} 不存在`,
        `options.standards names an unknown standard ${entity}`,
      );
    }
    standards.set(entity, standard);
  }

  // Validate, then seal for the platform: encrypted to its key, signed with ours, bound to both.
  async function handle(standard: Standard, record: unknown, locale: Locale): Promise<RecordReply> {
    const result = standard.validate(record, { locale });
    if (!result.ok) return { status: 'rejected', issues: result.issues.map(reply) };
    const envelope = await sealEnvelope(record as JsonValue, {
      signer,
      to: platform.key,
      aud: platform.department,
      std: { id: standard.entity, version: standard.version },
    });
    return { status: 'accepted', id: envelope.jti, envelope, warnings: result.issues.map(reply) };
  }

  // parseJson (not JSON.parse) refuses duplicate member names and integers beyond 2^53, which
  // JSON.parse would silently resolve or round: an ID number sent as a number must not change.
  function parse(text: string): { ok: true; value: unknown } | { ok: false; error: ErrorBody } {
    try {
      return { ok: true, value: parseJson(text) };
    } catch (e) {
      if (!(e instanceof GdsCryptoError)) throw e;
      return {
        ok: false,
        error: errorBody(
          'malformed_json',
          `请求体无法解析：${e.messageZh}`,
          `the body cannot be parsed: ${e.messageEn}`,
        ),
      };
    }
  }

  const app = new Hono();

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      department: signer.issuer,
      signingKey: signer.kid,
      platform: { department: platform.department, key: platform.key.kid },
      standards: [...standards.values()].map((s) => ({ id: s.entity, version: s.version })),
    }),
  );

  app.get('/keys', (c) => c.json(publicKeyFile(signingKey)));

  app.post(
    '/records/:standard',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        fail(
          c,
          413,
          'payload_too_large',
          `请求体超过 ${maxBodyBytes} 字节的上限，请分批发送`,
          `the request body exceeds the limit of ${maxBodyBytes} bytes; send smaller batches`,
        ),
    }),
    async (c) => {
      const name = c.req.param('standard');
      const standard = standards.get(name);
      if (!standard) {
        const known = [...standards.keys()];
        return fail(
          c,
          404,
          'unknown_standard',
          `未知标准 ${name}，可用：${known.join('、')}`,
          `unknown standard ${name}; available: ${known.join(', ')}`,
        );
      }
      const locale = localeOf(c.req.header('accept-language'));
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const text = await c.req.text();

      if (type === 'application/json') {
        const parsed = parse(text);
        if (!parsed.ok) return c.json({ error: parsed.error }, 400);
        const result = await handle(standard, parsed.value, locale);
        return c.json(result, result.status === 'accepted' ? 200 : 422);
      }

      if (type === 'application/x-ndjson') {
        // Every non-blank line gets its own answer, in order, with its line number: nothing is dropped,
        // and one bad line never stops the others.
        const batch: BatchReply = { received: 0, accepted: 0, rejected: 0, malformed: 0, results: [] };
        const lines = text.split('\n');
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!.trim();
          if (line === '') continue;
          batch.received++;
          const parsed = parse(line);
          const result: RecordReply = parsed.ok
            ? await handle(standard, parsed.value, locale)
            : { status: 'malformed', error: parsed.error };
          batch[result.status]++;
          batch.results.push({ line: i + 1, ...result });
        }
        return c.json(batch, 200);
      }

      return fail(
        c,
        415,
        'unsupported_media_type',
        `不支持的内容类型 ${type || '（无）'}：单条记录用 application/json，批量用 application/x-ndjson`,
        `unsupported content type ${type || '(none)'}: application/json for one record, application/x-ndjson for a batch`,
      );
    },
  );

  app.notFound((c) =>
    fail(c, 404, 'not_found', `没有 ${c.req.method} ${c.req.path}`, `no ${c.req.method} ${c.req.path}`),
  );

  return app;
}
