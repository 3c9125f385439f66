/** The suite-wide guard (test/helpers/metadata-guard.setup.ts) sees and blocks connections to 100.100.100.200. */
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { drainMetadataAttempts } from '../../test/helpers/metadata-guard.setup';

describe('the metadata-address guard', () => {
  it('blocks a raw socket', () => {
    expect(() => net.connect(80, '100.100.100.200')).toThrow(/test guard/);
    expect(drainMetadataAttempts()).toEqual(['connect 100.100.100.200']);
  });

  it('blocks an HTTP request, even when the caller swallows the error', async () => {
    await new Promise<void>((resolve) => {
      try {
        const req = http.get({ host: '100.100.100.200', path: '/latest/meta-data/', agent: false });
        req.once('error', () => resolve());
      } catch {
        resolve();
      }
    });
    expect(drainMetadataAttempts()).toEqual(['connect 100.100.100.200']);
  });
});
