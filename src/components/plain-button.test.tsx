/**
 * PlainButton's markup, rendered by React itself (server rendering): antd's Button shape
 * (an icon span, then the label in a span), the variant and size as classes app.css
 * draws like antd's, and every other attribute passed on to the `<button>`.
 */
import ReloadOutlined from '@ant-design/icons-svg/es/asn/ReloadOutlined';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlainButton } from './plain-button';

const html = (el: React.ReactElement) => renderToStaticMarkup(el);

describe('PlainButton', () => {
  it.each([
    [{}, 'rtc-button rtc-button-default'],
    [{ variant: 'primary' as const }, 'rtc-button rtc-button-primary'],
    [{ variant: 'primary-ghost' as const }, 'rtc-button rtc-button-primary-ghost'],
    [{ size: 'small' as const }, 'rtc-button rtc-button-default rtc-button-sm'],
    [
      { variant: 'primary' as const, size: 'small' as const, className: 'x' },
      'rtc-button rtc-button-primary rtc-button-sm x',
    ],
  ])('%o → class "%s"', (props, cls) => {
    expect(html(<PlainButton {...props}>Go</PlainButton>)).toBe(
      `<button class="${cls}" type="button"><span>Go</span></button>`,
    );
  });

  it('puts the icon first, as decorative markup, and keeps the label as the accessible name', () => {
    const out = html(
      <PlainButton icon={ReloadOutlined} title="Refresh" data-testid="refresh" aria-pressed={false}>
        Refresh
      </PlainButton>,
    );
    expect(out).toMatch(
      /^<button class="rtc-button rtc-button-default" title="Refresh" data-testid="refresh" aria-pressed="false" type="button"><span class="rtc-button-icon"><span class="anticon anticon-reload rtc-icon" aria-hidden="true"><svg [^>]*data-icon="reload"/,
    );
    expect(out).toMatch(/<\/span><span>Refresh<\/span><\/button>$/);
  });

  it('renders an icon-only button without an empty label span', () => {
    expect(html(<PlainButton icon={ReloadOutlined} aria-label="Refresh" />)).not.toContain('<span></span>');
  });

  it('cannot be turned into a submit button', () => {
    // `type` is not a prop, and one slipped in anyway is overridden: it never submits a form.
    const sneaky = { type: 'submit' } as object;
    const out = html(<PlainButton {...sneaky}>Go</PlainButton>);
    expect(out).toContain('type="button"');
    expect(out).not.toContain('submit');
  });
});
