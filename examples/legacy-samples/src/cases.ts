import { COUNTIES, mobile, personName, Random, STREETS } from './random.js';

const FLOWS: string[][] = [
  ['受理', '派遣', '处置', '反馈', '核查', '结案'],
  ['受理', '派遣', '处置', '反馈', '核查', '结案', '评价'],
  ['受理', '派遣', '处置'],
  ['受理', '结案'],
  ['受理', '派遣', '退单', '派遣', '处置', '反馈'],
];
const STATUS: Record<string, string> = {
  结案: '已结案',
  评价: '已评价',
  处置: '处置中',
  反馈: '已反馈',
  派遣: '已派遣',
};
const DEPTS = ['城管执法', '街道办事处', '社区居委会', '网格中心', '市场监管'];

/**
 * A grid-management app's case export (JSON, `{"code":0,"data":{"list":[…]}}`), with the steps of each
 * case as an array, times as `yyyy-MM-dd HH:mm:ss` in Beijing time, coordinates with their datum. Dirt:
 * a history that skips a step, an unknown channel, a deadline before the report time.
 */
export function casesJson(seed = 20240401, count = 15): Uint8Array {
  const r = new Random(seed);
  const list = [];
  for (let i = 0; i < count; i++) {
    const day = r.int(1, 20);
    const t0 = Date.UTC(2024, 3, day, r.int(0, 10), r.int(0, 59), 0);
    const fmt = (ms: number) => new Date(ms + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' ');
    let steps = [...r.pick(FLOWS)];
    if (i === 4) steps = ['受理', '核查', '结案'];
    let at = t0;
    const flows = steps.map((action, k) => {
      if (k > 0) at += 3600000 * r.int(1, 5);
      return {
        action,
        time: fmt(at),
        dept: action === '受理' ? '网格中心' : r.pick(DEPTS),
        operator: personName(r),
      };
    });
    const last = steps[steps.length - 1]!;
    const county = r.pick(COUNTIES);
    list.push({
      eventId: `SJ2024${String(i + 1).padStart(5, '0')}`,
      source: i === 7 ? '微信群' : r.pick(['网格员上报', '网格员上报', '12345转办', '居民APP']),
      type: r.pick(['投诉', '求助', '咨询', '举报', '建议']),
      category:
        i === 12 ? '噪音扰民' : r.pick(['环境卫生', '矛盾纠纷', '市政设施', '房屋与物业', '社会治安']),
      title: r.pick(['楼道堆物', '路灯不亮', '邻里噪音', '垃圾清运不及时', '井盖缺失']),
      content: `${r.pick(STREETS)}${r.int(1, 200)}号附近，居民反映问题，请处理。`,
      reportTime: fmt(t0),
      deadline: i === 10 ? fmt(t0 - 3600000) : fmt(t0 + 3 * 86400000),
      status: last === '受理' ? '已受理' : (STATUS[last] ?? '已受理'),
      location: {
        regionCode: county,
        address: `${r.pick(STREETS)}${r.int(1, 200)}号`,
        gridCode: `${county}00100${r.int(1, 9)}`,
        lng: Math.round((116 + r.next()) * 1e6) / 1e6,
        lat: Math.round((39 + r.next()) * 1e6) / 1e6,
        coordType: r.pick(['gcj02', 'bd09', 'wgs84']),
      },
      reporter: r.chance(0.3)
        ? { anonymous: true }
        : { anonymous: false, name: personName(r), phone: mobile(r) },
      flows,
    });
  }
  return new TextEncoder().encode(
    `${JSON.stringify({ code: 0, msg: 'success', data: { total: list.length, list } }, null, 2)}\n`,
  );
}
