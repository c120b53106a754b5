// splitMarked against react-i18next's reading of the same catalog text: the timeline's position in
// both languages, the mark first, last or missing.

import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/ui/i18n/i18n';
import { splitMarked } from '../../src/ui/i18n/format';

describe('splitMarked', () => {
  it('cuts the timeline position of both catalogs around the epoch', () => {
    const values = { epoch: 451, frame: 92, frames: 101 };
    const en = createI18n('en').t('timeline.position', values);
    expect(splitMarked(en, 'epoch')).toEqual(['epoch ', '451', ' · frame 92 of 101']);
    const zh = createI18n('zh-CN').t('timeline.position', values);
    expect(splitMarked(zh, 'epoch')).toEqual(['第 ', '451', ' 轮 · 第 92 帧，共 101 帧']);
  });

  it('keeps a text whose mark is first, last, missing or unclosed', () => {
    expect(splitMarked('<b>1</b> left', 'b')).toEqual(['', '1', ' left']);
    expect(splitMarked('right <b>2</b>', 'b')).toEqual(['right ', '2', '']);
    expect(splitMarked('no mark', 'b')).toEqual(['no mark', '', '']);
    expect(splitMarked('open <b>only', 'b')).toEqual(['open <b>only', '', '']);
    expect(splitMarked('other <i>x</i>', 'b')).toEqual(['other <i>x</i>', '', '']);
  });
});
