import { describe, expect, it } from 'vitest';
import {
  entityTypeLabel,
  isFailedStatus,
  productLabel,
  productOptions,
  sourceLabel,
  statusLabel,
  statusOptions,
  statusTone,
} from './labels';

describe('status labels', () => {
  it.each([
    [11, 'In progress (11)', 'processing'],
    [21, 'Blocked (21)', 'warning'],
    [22, 'Quarantined (22)', 'warning'],
    [23, 'Ended (23)', 'success'],
    [24, 'Whitelisted (24)', 'default'],
    [20, 'Succeeded (20)', 'success'],
    [90, 'Failed (90)', 'error'],
    [91, 'Unblock failed (91)', 'error'],
    [92, 'Restore failed (92)', 'error'],
    [25, 'Unknown (25)', 'default'],
    [0, 'Unknown (0)', 'default'],
    [-1, 'Unknown (-1)', 'default'],
  ] as const)('%d → %s', (code, label, tone) => {
    expect(statusLabel(code)).toBe(label);
    expect(statusTone(code)).toBe(tone);
  });

  it('shows a dash for a missing status', () => {
    expect(statusLabel(undefined)).toBe('—');
  });

  it('knows which statuses failed', () => {
    expect([90, 91, 92, 20, 25, undefined].map(isFailedStatus)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('offers every documented status in the filter', () => {
    expect(statusOptions().map((o) => o.value)).toEqual([
      '11',
      '21',
      '22',
      '23',
      '24',
      '20',
      '90',
      '91',
      '92',
    ]);
  });

  it('adds a selected unknown status or product as an option with an "Unknown" label', () => {
    expect(statusOptions(['90', '25']).slice(-2)).toEqual([
      { value: '92', label: 'Restore failed (92)' },
      { value: '25', label: 'Unknown (25)' },
    ]);
    expect(productOptions(['WAF', 'DDoS']).map((o) => o.label)).toEqual([
      'Web Application Firewall (WAF)',
      'Cloud Firewall (CFW)',
      'Security Center (Aegis)',
      'Unknown (DDoS)',
    ]);
  });
});

describe('product, source and entity labels', () => {
  it.each([
    ['WAF', 'Web Application Firewall (WAF)'],
    ['CFW', 'Cloud Firewall (CFW)'],
    ['Aegis', 'Security Center (Aegis)'],
    ['DDoS', 'Unknown (DDoS)'],
  ])('product %s → %s', (code, label) => {
    expect(productLabel(code)).toBe(label);
  });

  it.each([
    // Alibaba's meanings (issue 11): `system` is an analyst's manual response.
    ['system', 'Manual (event handling) (system)'],
    ['custom', 'Automatic rule (event) (custom)'],
    ['custom_alert', 'Automatic rule (alert) (custom_alert)'],
    ['soar-manual', 'Playbook, run manually (soar-manual)'],
    ['soar-mdr', 'Managed security service (soar-mdr)'],
    ['robot', 'Unknown (robot)'],
  ])('source %s → %s', (code, label) => {
    expect(sourceLabel(code)).toBe(label);
  });

  it.each([
    ['ip', 'IP address'],
    ['file', 'File'],
    ['process', 'Process'],
    ['container', 'container'],
    [undefined, '—'],
  ])('entity type %s → %s', (code, label) => {
    expect(entityTypeLabel(code)).toBe(label);
  });

  it('labels missing values with a dash, never crashing', () => {
    expect([productLabel(undefined), productLabel(''), sourceLabel(undefined)]).toEqual(['—', '—', '—']);
    expect(productOptions().map((o) => o.label)).toEqual([
      'Web Application Firewall (WAF)',
      'Cloud Firewall (CFW)',
      'Security Center (Aegis)',
    ]);
  });
});
