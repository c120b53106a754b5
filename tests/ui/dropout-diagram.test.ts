// The dropout diagram as rendered: the greyed units are exactly the mask's dropped ones among those
// shown, "16 of 300 shown", and the convention moves the scale label from training to test time.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { DropoutDiagram } from '../../src/ui/DropoutDiagram';
import { diagramModel } from '../../src/ui/dropout-diagram';

const render = (settings: Settings, epoch: number): string => renderToStaticMarkup(createElement(DropoutDiagram, { settings, epoch }));

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
});
