import { describe, expect, it } from 'vitest';
import { entityHost } from './entity-host';

describe('entityHost', () => {
  it.each([
    ['{"hostName":"web-prod-03","instanceId":"i-1"}', 'web-prod-03'],
    ['{"instanceName":"db-1","instanceId":"i-1"}', 'db-1'],
    ['{"ip":"1.2.3.4","instanceId":"cfw_elasticity_public_intl-abc"}', 'cfw_elasticity_public_intl-abc'],
    ['{"hostName":"  ","instanceId":"i-2"}', 'i-2'],
    ['{"hostName":42}', undefined],
    ['{"nested":{"hostName":"x"}}', undefined],
    ['["hostName"]', undefined],
    ['not json', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, host) => {
    expect(entityHost(raw)).toBe(host);
  });
});
