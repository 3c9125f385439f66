/**
 * The export feature's Simplified Chinese catalog (ICU messages, same keys and arguments
 * as `exportMessagesEn` in ./i18n.ts; src/app/catalogs.test.ts checks it). Loaded on
 * demand with the locale (app/locale-setting.ts).
 */
import type { exportMessagesEn } from './i18n';

export const exportMessagesZh = {
  'export.button': '导出 CSV',
  'export.title': '将任务导出为 CSV',
  'export.scope': '导出符合当前筛选和排序的全部任务，而不仅是本页。',
  'export.matching': '{count, plural, other {# 个匹配的任务}}',
  'export.columns': '列',
  'export.columns.visible': '显示的列（{count} 个 CSV 列）',
  'export.columns.all': '全部字段（{count} 个 CSV 列）',
  'export.columns.hint':
    '时间写两次：{zone} 的 ISO 8601 和原始毫秒数。以 = + - @ 制表符或回车开头的单元格前加一个撇号，电子表格不会把它们当作公式执行。',
  'export.window.frozenNote': '导出开始后处置的任务不包括在内。',
  'export.start': '导出',
  'export.cancel': '取消',
  'export.close': '关闭',
  'export.retry': '重试',
  'export.preparing': '正在开始…',
  'export.progress': '{rows} / {total} 行',
  'export.progressUnknown': '{rows} 行',
  'export.eta': '约剩 {time}',
  'export.etaUnknown': '正在估算剩余时间…',
  'export.backingOff': '服务器要求放慢速度，正在等待并重试…',
  'export.retries': '已重试 {count} 个请求',
  'export.building': '正在生成文件…',
  'export.confirm.title': '大量导出',
  'export.confirm.body':
    '此次导出有 {total} 行，CSV 约 {size}。可能需要一段时间，并占用此标签页的内存。是否继续？',
  'export.confirm.continue': '继续',
  'export.failed': '导出失败',
  'export.cancelled': '导出已取消，未下载任何内容。',
  'export.done.title': '导出完成',
  'export.done.mismatchTitle': '导出完成，但数量不一致',
  'export.done.rows': '已导出 {rows} / {total} 行',
  'export.done.mismatch':
    '导出有 {rows} 行，但开始时服务器报告有 {total} 个匹配的任务{changed}。任务可能在导出期间发生了变化；清单中有记录。',
  'export.done.changed': '（导出期间在 {min} 到 {max} 之间）',
  'export.done.listed':
    '列表显示 {listed} 个任务；导出开始时有 {total} 个任务匹配，且处置时间不晚于固定的上限（之后处置的任务或没有处置时间的任务不在其中）。',
  'export.done.file': '文件：{name}',
  'export.done.window': '处置时间：{start} – {end}',
  'export.done.unblockedWindow': '解封/解除隔离时间：{start} – {end}',
  'export.done.windowOpen': '任意时间',
  'export.done.frozen': '上限在导出开始时固定',
  'export.done.reopen': '指向这组任务的链接',
  'export.done.manifest': '下载清单',
  'export.done.longCells':
    '{count, plural, other {# 个单元格超过 {app} 的上限（每个单元格 {max} 个字符）：电子表格打开文件时会截断。CSV 中是完整内容。}}',
  'export.done.longCell': '任务ID {taskId}，列 {column}：{characters} 个字符',
  'export.done.longCellsMore': '…还有 {count} 个，见清单',
  'export.duration.seconds': '{s} 秒',
  'export.duration.minutes': '{m} 分 {s} 秒',
  'export.unknownStatus': '未知（{code}）',
  'export.form': '格式',
  'export.form.raw': '原始：API 字段名和原值（供工具和脚本使用）',
  'export.form.spreadsheet':
    '电子表格：表头使用界面语言，日期可被 Excel 和 LibreOffice 识别为日期，长ID完整保留',
  'export.form.spreadsheetHint':
    '时间写为 {zone} 的日期和时间（不含毫秒），长数字ID按文本写入，包含错误信息和错误提示。以 = + - @ 制表符或回车开头的单元格前加一个撇号。请以 UTF-8 编码打开文件。',
  'export.sheet.statusCode': '状态码',
  'export.sheet.otherFields': '其他字段（JSON）',
} satisfies Partial<Record<keyof typeof exportMessagesEn, string>>;
