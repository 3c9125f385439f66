import { describe, expect, it } from 'vitest';
import { sweepSecrets } from './secret-sweep';

describe('secrets sweep', () => {
  it('finds no secret in server logs, responses, the build or test artefacts', async () => {
    const report = await sweepSecrets({ requireDist: false });
    console.log(`secrets sweep scanned: ${report.scanned.join('; ')}`);
    expect(report.findings).toEqual([]);
  }, 240_000);
});
