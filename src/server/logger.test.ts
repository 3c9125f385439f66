import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

const SECRET = 'LoggerTestSecret-0b7d';

function capture() {
  const lines: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    }),
  );
  return { logger, lines };
}

describe('logger redaction (second line of defence)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['top level', { accessKeySecret: SECRET }],
    ['Alibaba casing', { AccessKeySecret: SECRET }],
    ['inside a config object', { config: { accessKeySecret: SECRET, accessKeyId: 'LTAIvisible' } }],
    ['two levels down', { options: { credential: { accessKeySecret: SECRET } } }],
    ['security token', { credential: { securityToken: SECRET } }],
    ['browser basic auth', { req: { headers: { authorization: `Basic ${SECRET}` } } }],
    ['cookie', { req: { headers: { cookie: `s=${SECRET}` } } }],
    ['signed upstream headers', { headers: { authorization: `ACS3-HMAC-SHA256 ${SECRET}` } }],
  ])('%s', (_name, obj) => {
    const { logger, lines } = capture();
    logger.info(obj, 'something');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    expect(lines[0]).toContain('[redacted]');
  });

  it('keeps what is not secret', () => {
    const { logger, lines } = capture();
    logger.info({ config: { accessKeyId: 'LTAIvisible', endpoint: 'x' } }, 'config');
    expect(JSON.parse(lines[0]!)).toMatchObject({ config: { accessKeyId: 'LTAIvisible' }, msg: 'config' });
  });
});
