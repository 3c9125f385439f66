import { theme } from 'antd';
import { useLayoutEffect, type ReactNode } from 'react';

/**
 * Hands antd's design tokens to the app's own CSS as custom properties, so the plain
 * table and layout follow the theme (no hard-coded colours). Set on the root element
 * through the CSSOM (style.setProperty), which a strict CSP allows.
 */
export function ThemeVars({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const vars = {
    '--rtc-bg': token.colorBgLayout,
    '--rtc-surface': token.colorBgContainer,
    '--rtc-border': token.colorBorderSecondary,
    '--rtc-border-strong': token.colorBorder,
    '--rtc-text': token.colorText,
    '--rtc-text-secondary': token.colorTextSecondary,
    '--rtc-text-muted': token.colorTextTertiary,
    '--rtc-link': token.colorLink,
    '--rtc-hover': token.controlItemBgHover,
    '--rtc-active': token.controlItemBgActive,
    '--rtc-primary': token.colorPrimary,
    '--rtc-primary-hover': token.colorPrimaryHover,
    '--rtc-primary-active': token.colorPrimaryActive,
    '--rtc-text-light-solid': token.colorTextLightSolid,
    '--rtc-focus': token.colorPrimaryBorder,
    '--rtc-error': token.colorErrorText,
    '--rtc-tone-processing-bg': token.colorInfoBg,
    '--rtc-tone-processing': token.colorInfo,
    '--rtc-tone-success-bg': token.colorSuccessBg,
    '--rtc-tone-success': token.colorSuccess,
    '--rtc-tone-warning-bg': token.colorWarningBg,
    '--rtc-tone-warning': token.colorWarning,
    '--rtc-tone-error-bg': token.colorErrorBg,
    '--rtc-tone-error': token.colorError,
    '--rtc-tone-default-bg': token.colorFillTertiary,
    '--rtc-tone-default': token.colorTextTertiary,
    '--rtc-header-bg': token.colorFillQuaternary,
    '--rtc-radius': `${token.borderRadiusLG}px`,
    '--rtc-radius-sm': `${token.borderRadiusSM}px`,
    '--rtc-font': token.fontFamily,
    '--rtc-font-code': token.fontFamilyCode,
    '--rtc-font-size': `${token.fontSize}px`,
    '--rtc-font-size-sm': `${token.fontSizeSM}px`,
    '--rtc-line-height': token.lineHeight,
    '--rtc-pad': `${token.padding}px`,
    '--rtc-pad-sm': `${token.paddingSM}px`,
    '--rtc-pad-xs': `${token.paddingXS}px`,
    '--rtc-shadow': token.boxShadowTertiary,
    // Plain icon buttons (components/copy-button.tsx) drawn as antd's small text buttons.
    '--rtc-fill-hover': token.colorFillTertiary,
    '--rtc-fill-active': token.colorFill,
    '--rtc-control-height-sm': `${token.controlHeightSM}px`,
    // Plain buttons (components/plain-button.tsx) drawn as antd's Button.
    '--rtc-control-height': `${token.controlHeight}px`,
    '--rtc-radius-md': `${token.borderRadius}px`,
    '--rtc-button-shadow': `0 ${token.controlOutlineWidth}px 0 ${token.controlTmpOutline}`,
    '--rtc-button-primary-shadow': `0 ${token.controlOutlineWidth}px 0 ${token.controlOutline}`,
    '--rtc-focus-outline': `${token.lineWidthFocus}px solid ${token.colorPrimaryBorder}`,
    '--rtc-motion': `${token.motionDurationMid} ${token.motionEaseInOut}`,
  };
  // On the root element, so portalled parts (drawer, popovers) see them too.
  useLayoutEffect(() => {
    const style = document.documentElement.style;
    for (const [k, v] of Object.entries(vars)) style.setProperty(k, String(v));
  });
  return <div className="rtc-theme">{children}</div>;
}
