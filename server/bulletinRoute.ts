import type { ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import type { Context } from '../schema/context.js';
import { UserErrors } from '../schema/errors.js';
import { rowIdOf } from '../schema/domains/shared/ids.js';
import { bulletinOf, bulletinPeriod, type Bulletin } from '../schema/domains/supervision/bulletin.js';
import { PERIOD_TYPE } from '../schema/domains/supervision/ids.js';
import { loadCityState } from '../schema/domains/supervision/rollup.js';
import { guardCell } from './cli/transfer/kinds.js';

/** `/bulletins/{period global id}.html` or `.csv`: the 通报 of a reporting period. */
export function bulletinPath(pathname: string): { periodId: string; format: 'html' | 'csv' } | null {
  const m = /^\/bulletins\/([A-Za-z0-9+/=%_-]{1,200})\.(html|csv)$/.exec(pathname);
  return m ? { periodId: decodeURIComponent(m[1]), format: m[2] as 'html' | 'csv' } : null;
}

const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, VALIDATION: 400 };
const COLOUR_ZH = { RED: '红', YELLOW: '黄', GREEN: '绿' } as const;
const REPORT_ZH: Record<string, string> = {
  ON_TIME: '按时',
  LATE: '逾期',
  MISSING: '未报',
  PENDING: '待报',
  NOT_REQUIRED: '无需报送',
};

export async function serveBulletin(
  res: ServerResponse,
  route: { periodId: string; format: 'html' | 'csv' },
  ctx: Context,
): Promise<void> {
  let bulletin: Bulletin;
  try {
    const period = await bulletinPeriod(ctx, rowIdOf(route.periodId, PERIOD_TYPE, ['periodId']), ['periodId']);
    bulletin = bulletinOf(ctx, await loadCityState(ctx.db, period.regionCode), period);
  } catch (err) {
    if (!(err instanceof UserErrors)) throw err;
    const e = err.errors[0];
    res.writeHead(STATUS[e.code] ?? 400, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ errors: [{ message: e.message, extensions: { code: e.code } }] }));
  }
  const name = `bulletin-${bulletin.period.regionCode}-${bulletin.period.startDate}`;
  if (route.format === 'csv') {
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    });
    return void res.end(`\uFEFF${bulletinCsv(bulletin)}`);
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(bulletinHtml(bulletin));
}

const HEADER = [
  '区县代码',
  '区县',
  '地区颜色',
  '红色任务',
  '黄色任务',
  '绿色任务',
  '未销号',
  '已销号',
  '挂牌督办',
  '报送情况',
  '新增挂牌督办',
  '新增问责',
  '新增销号',
];

/** One row per county; cells guarded against spreadsheet formulas like every CLI export. */
export function bulletinCsv(b: Bulletin): string {
  const rows = b.regions.map((r) => [
    r.regionCode,
    guardCell(r.regionName),
    COLOUR_ZH[r.colour],
    r.red,
    r.yellow,
    r.green,
    r.open,
    r.accepted,
    r.listed,
    r.report ? REPORT_ZH[r.report] : '',
    r.newlyListed,
    r.newlyAccountable,
    r.newlyAccepted,
  ]);
  return stringify([HEADER, ...rows]);
}

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const CSS = `body{font-family:"SimSun","Songti SC",serif;margin:2cm}h1{text-align:center;font-size:20pt}table{border-collapse:collapse;width:100%;margin:1em 0}
td,th{border:1px solid #000;padding:4px 6px;text-align:center}.RED{background:#f8d0d0}.YELLOW{background:#fbf0c0}.GREEN{background:#d5efd5}@media print{body{margin:1cm}}`;

/** A printable page a bureau circulates (A4, black borders, one table per section). */
export function bulletinHtml(b: Bulletin): string {
  const p = b.period;
  const rows = b.regions
    .map(
      (r) =>
        `<tr><td>${esc(r.regionName)}</td><td class="${r.colour}">${COLOUR_ZH[r.colour]}</td><td>${r.red}</td><td>${r.yellow}</td><td>${r.green}</td><td>${r.open}</td><td>${r.accepted}</td><td>${r.listed}</td><td>${r.report ? REPORT_ZH[r.report] : '—'}</td></tr>`,
    )
    .join('');
  const listed =
    b.listed
      .map(
        (l) => `<tr><td>${esc(l.regionName)}</td><td>${esc(l.taskTitle)}</td><td>${esc(l.supervisingLeader)}</td></tr>`,
      )
      .join('') || '<tr><td colspan="3">无</td></tr>';
  const accepted =
    b.accepted.map((a) => `<tr><td>${esc(a.regionName)}</td><td>${esc(a.taskTitle)}</td></tr>`).join('') ||
    '<tr><td colspan="2">无</td></tr>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.label)}整改工作通报</title><style>${CSS}</style></head><body>
<h1>${esc(p.label)}整改工作通报</h1>
<p>统计周期：${esc(p.startDate)}至${esc(p.endDate)}；报送截止：${esc(p.dueDate)}。全市红色任务${b.totals.red}项、黄色${b.totals.yellow}项、绿色${b.totals.green}项；本期新增挂牌督办${b.totals.newlyListed}项、启动问责${b.totals.newlyAccountable}项、验收销号${b.totals.newlyAccepted}项。</p>
<h2>一、各区县整改进度</h2>
<table><thead><tr><th>区县</th><th>地区颜色</th><th>红</th><th>黄</th><th>绿</th><th>未销号</th><th>已销号</th><th>挂牌督办</th><th>报送情况</th></tr></thead><tbody>${rows}</tbody></table>
<h2>二、本期新增挂牌督办</h2>
<table><thead><tr><th>区县</th><th>任务</th><th>督办领导</th></tr></thead><tbody>${listed}</tbody></table>
<h2>三、本期验收销号</h2>
<table><thead><tr><th>区县</th><th>任务</th></tr></thead><tbody>${accepted}</tbody></table>
</body></html>`;
}
