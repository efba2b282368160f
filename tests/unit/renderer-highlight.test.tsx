import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted, highlightSegments } from '../../renderer/components/highlight';

const NAME = '不动产登记资料查询';

function marked(text: string, ranges: readonly (readonly [number, number])[]): string {
  return highlightSegments(text, ranges)
    .map((segment) => (segment.isMatch ? `[${segment.text}]` : segment.text))
    .join('');
}

describe('search highlights', () => {
  it('marks the ranges the core sent, half-open', () => {
    expect(marked(NAME, [[0, 3]])).toBe('[不动产]登记资料查询');
    expect(marked(NAME, [[3, 5]])).toBe('不动产[登记]资料查询');
    expect(marked(NAME, [[0, 3], [7, 9]])).toBe('[不动产]登记资料[查询]');
  });

  it('handles ranges at both edges and the whole text', () => {
    expect(marked(NAME, [[7, 9]])).toBe('不动产登记资料[查询]');
    expect(marked(NAME, [[0, 9]])).toBe('[不动产登记资料查询]');
    expect(marked('证', [[0, 1]])).toBe('[证]');
  });

  it('merges overlapping and touching ranges, in any order', () => {
    expect(marked(NAME, [[2, 5], [0, 3]])).toBe('[不动产登记]资料查询');
    expect(marked(NAME, [[0, 3], [3, 5]])).toBe('[不动产登记]资料查询');
    expect(marked(NAME, [[1, 2], [0, 4]])).toBe('[不动产登]记资料查询');
    expect(highlightSegments(NAME, [[0, 3], [3, 5]]).filter((s) => s.isMatch)).toHaveLength(1);
  });

  it('ignores ranges that are empty, reversed, fractional or wholly outside, and clips the rest', () => {
    expect(marked(NAME, [[3, 3]])).toBe(NAME);
    expect(marked(NAME, [[5, 2]])).toBe(NAME);
    expect(marked(NAME, [[0.5, 2]])).toBe(NAME);
    expect(marked(NAME, [[9, 12]])).toBe(NAME);
    expect(marked(NAME, [[-4, 0]])).toBe(NAME);
    expect(marked(NAME, [[7, 20]])).toBe('不动产登记资料[查询]');
    expect(marked(NAME, [[-2, 2]])).toBe('[不动]产登记资料查询');
    expect(marked('', [[0, 1]])).toBe('');
  });

  it('renders matches as <mark>, text escaped', () => {
    const html = renderToStaticMarkup(<Highlighted text={NAME} ranges={[[0, 3]]} />);
    expect(html).toBe('<mark class="mark">不动产</mark>登记资料查询');
    const hostile = renderToStaticMarkup(<Highlighted text="<b>x</b>" ranges={[[0, 3]]} />);
    expect(hostile).toBe('<mark class="mark">&lt;b&gt;</mark>x&lt;/b&gt;');
    expect(renderToStaticMarkup(<Highlighted text={NAME} ranges={[]} />)).toBe(NAME);
  });
});
