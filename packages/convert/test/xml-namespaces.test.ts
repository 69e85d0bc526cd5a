// Issue 15, XML half: record paths match namespaced documents (by local name, or `{uri}name`), and a
// document in which the record path matches nothing is a source.no_records issue, not a clean 0 rows.
import type { SourceRecord } from '@gds/convert';
import { createXmlWriter, readXml } from '@gds/convert/xml';
import { describe, expect, it } from 'vitest';

async function read(xml: string, recordPath: string) {
  const reader = readXml(new TextEncoder().encode(xml), { recordPath, file: 'x.xml' });
  const rows: SourceRecord[] = [];
  for await (const r of reader) rows.push(r);
  return { rows, info: reader.info };
}

const PREFIXED = `<?xml version="1.0"?>
<p:Records xmlns:p="urn:gds:a" xmlns:q="urn:gds:b">
  <p:Record p:id="1" q:kind="x"><p:Name>张三</p:Name><p:Address><p:Street>建国路</p:Street></p:Address></p:Record>
  <q:Record><q:Name>外人</q:Name></q:Record>
  <p:Record><p:Name>李四</p:Name></p:Record>
</p:Records>`;

describe('readXml and namespaces', () => {
  it('matches a plain record path by local name, whatever the prefixes, and names columns by local name', async () => {
    const { rows, info } = await read(PREFIXED, 'Records/Record');
    expect(rows.map((r) => [r.row, r.columns, r.values])).toEqual([
      [1, ['@id', '@kind', 'Name', 'Address/Street'], ['1', 'x', '张三', '建国路']],
      [2, ['Name'], ['外人']],
      [3, ['Name'], ['李四']],
    ]);
    expect(info.issues).toEqual([]);
  });

  it('matches {uri}name steps by namespace only, slashes of the URI included', async () => {
    const xml = `<Records xmlns="http://example.org/ns/a" xmlns:b="http://example.org/ns/b">
      <Record><Name>甲</Name></Record><b:Record><b:Name>乙</b:Name></b:Record></Records>`;
    const a = await read(xml, '{http://example.org/ns/a}Records/{http://example.org/ns/a}Record');
    expect(a.rows.map((r) => r.values)).toEqual([['甲']]);
    const b = await read(xml, 'Records/{http://example.org/ns/b}Record');
    expect(b.rows.map((r) => r.values)).toEqual([['乙']]);
    const anchored = await read(xml, '/{http://example.org/ns/a}Records/Record');
    expect(anchored.rows.map((r) => r.values)).toEqual([['甲'], ['乙']]);
  });

  it('matches a prefixed step by the name as written', async () => {
    const { rows } = await read(PREFIXED, 'p:Record');
    expect(rows.map((r) => r.values[r.columns.indexOf('Name')])).toEqual(['张三', '李四']);
  });

  it('says source.no_records when the record path matches nothing', async () => {
    const { rows, info } = await read('<Export><Checkup><Name>张三</Name></Checkup></Export>', 'TJJLS/TJJL');
    expect(rows).toEqual([]);
    expect(info.issues.map((i) => [i.code, i.severity, i.params.expected, i.source?.file])).toEqual([
      ['source.no_records', 'error', 'recordPath TJJLS/TJJL', 'x.xml'],
    ]);
    const ns = await read(PREFIXED, '{urn:gds:c}Record');
    expect(ns.info.issues.map((i) => i.code)).toEqual(['source.no_records']);
  });

  it('writes a default namespace that a {uri}name path reads back', async () => {
    const w = createXmlWriter({ root: 'Records', record: 'Record', namespace: 'urn:gds:a' });
    const xml = new TextDecoder().decode(
      Buffer.concat([w.begin(['@id', 'Name']), w.row(['7', '张三']), w.end()]),
    );
    const { rows, info } = await read(xml, '{urn:gds:a}Record');
    expect(rows.map((r) => r.values)).toEqual([['7', '张三']]);
    expect(info.issues).toEqual([]);
  });
});
