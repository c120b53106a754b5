// The dropout diagram as rendered: the greyed units are exactly the mask's dropped ones among those
// shown, "16 of 300 shown", and the convention moves the scale label from training to test time.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { DropoutDiagram } from '../../src/ui/DropoutDiagram';
import { diagramModel } from '../../src/ui/dropout-diagram';
import { createI18n } from '../../src/ui/i18n/i18n';
import { PageI18nProvider } from '../../src/ui/i18n/useLocale';
import type { Lang } from '../../src/ui/i18n/languages';

/** The diagram in a language (the page's translation layer around it). */
const render = (settings: Settings, epoch: number, lang: Lang = 'en'): string =>
  renderToStaticMarkup(createElement(PageI18nProvider, { i18n: createI18n(lang) }, createElement(DropoutDiagram, { settings, epoch })));

/** the markup of one panel (<g data-panel="…">…) */
function panel(html: string, name: 'train' | 'test'): string {
  const start = html.indexOf(`data-panel="${name}"`);
  const end = name === 'train' ? html.indexOf('data-panel="test"') : html.indexOf('</svg>');
  return html.slice(start, end);
}
const count = (s: string, needle: string): number => s.split(needle).length - 1;

describe('DropoutDiagram', () => {
  it('greys exactly the units the mask drops, and keeps every unit on at test time', () => {
    const s = { ...defaultSettings(), dropout: 0.5 };
    const html = render(s, 51);
    const d = diagramModel(s, 51);
    expect(html).toContain('16 of 300 shown');
    expect(html).toContain('data-step="51"');
    const train = panel(html, 'train');
    expect(count(train, 'data-kept="false"')).toBe(d.layers.reduce((n, l) => n + l.dropped, 0));
    expect(count(train, 'data-kept="true"')).toBe(d.layers.reduce((n, l) => n + l.units.length - l.dropped, 0));
    expect(count(panel(html, 'test'), 'data-kept="false"')).toBe(0);
  });

  it('draws every edge once: solid where both its ends are kept, faint where the mask drops one', () => {
    const s = { ...defaultSettings(), dropout: 0.5 };
    const d = diagramModel(s, 51);
    const [a, b] = d.layers.map((l) => l.units.length - l.dropped);
    const all = 16 + 16 * 16 + 16;
    /** segments (one M each) of the panel's path of that class */
    const segments = (html: string, cls: 'edges' | 'edges off'): number => {
      const found = html.match(new RegExp(`<path d="([^"]*)" class="${cls}"`));
      if (!found) throw new Error(`no ${cls} path`);
      return count(found[1], 'M');
    };
    const train = panel(render(s, 51), 'train');
    // x to a kept unit of layer 1, kept pairs between the layers, a kept unit of layer 2 to y
    expect(segments(train, 'edges')).toBe(a + a * b + b);
    expect(segments(train, 'edges off')).toBe(all - (a + a * b + b));
    const test = panel(render(s, 51), 'test');
    expect(segments(test, 'edges')).toBe(all);
    expect(segments(test, 'edges off')).toBe(0);
    // the kept edges are drawn last, over the dropped ones
    expect(train.indexOf('class="edges off"')).toBeLessThan(train.indexOf('class="edges"'));
  });

  it('inverted: kept units ×2 while training, nothing at test time; vanilla: ×0.5 at test time only', () => {
    const inverted = render({ ...defaultSettings(), dropout: 0.5, convention: 'inverted' }, 10);
    const d = diagramModel({ ...defaultSettings(), dropout: 0.5 }, 10);
    const kept = d.layers.reduce((n, l) => n + l.units.length - l.dropped, 0);
    expect(count(panel(inverted, 'train'), '×2</text>')).toBe(kept);
    expect(count(panel(inverted, 'test'), '×')).toBe(0);
    expect(inverted).toContain('kept units ×1/(1−p) = ×2 while training');
    const vanilla = render({ ...defaultSettings(), dropout: 0.5, convention: 'vanilla' }, 10);
    expect(count(panel(vanilla, 'train'), 'class="scale-label"')).toBe(0);
    expect(count(panel(vanilla, 'test'), '×0.5</text>')).toBe(32);
    expect(vanilla).toContain('Every unit ×(1−p) = ×0.5 at test time.');
  });

  it('a narrow net shows all its units; p = 0 says dropout is off', () => {
    const html = render({ ...defaultSettings(), hidden: 8, layers: 3, dropout: 0 }, 3);
    expect(html).toContain('8 of 8 shown');
    expect(count(html, 'data-kept="false"')).toBe(0);
    expect(html).toContain('Dropout is off (p = 0)');
  });

  it('in Chinese: the same numbers in the labels and the summary', () => {
    const s = { ...defaultSettings(), dropout: 0.5 };
    const html = render(s, 51, 'zh-CN');
    const d = diagramModel(s, 51);
    expect(html).toContain('显示 300 个中的 16 个');
    expect(html).toContain('Inverted dropout：训练时保留的单元 ×1/(1−p) = ×2，灰色单元被丢弃。');
    expect(html).toContain(`隐藏层 1 显示的 16 个单元中丢弃了 ${d.layers[0].dropped} 个`);
    expect(render({ ...s, convention: 'vanilla' }, 10, 'zh-CN')).toContain('测试时每个单元 ×(1−p) = ×0.5。');
    expect(render({ ...s, dropout: 0 }, 3, 'zh-CN')).toContain('Dropout 已关闭（p = 0）');
  });
});
