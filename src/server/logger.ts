/**
 * Structured JSON logs (pino). Redaction is the second line of defence for secrets: the
 * first is never passing credentials or config objects with secrets to a log call.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { SECRET_LOG_REDACT_PATHS } from './security/access-control';

/** Paths censored wherever they appear (one or two levels deep, plus request headers). */
export const REDACT_PATHS = [
  ...SECRET_LOG_REDACT_PATHS,
  'accessKeySecret',
  'AccessKeySecret',
  'secret',
  'password',
  'securityToken',
  '*.accessKeySecret',
  '*.AccessKeySecret',
  '*.secret',
  '*.password',
  '*.securityToken',
  '*.*.accessKeySecret',
  '*.*.AccessKeySecret',
  'headers.authorization',
  'headers.Authorization',
  'headers["x-acs-security-token"]',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: [...new Set(REDACT_PATHS)], censor: '[redacted]' },
    // Error objects are serialised with message and stack only; upstream errors carry the
    // signed request headers and are never passed whole.
    serializers: { err: pino.stdSerializers.err },
  };
}

/** A pino logger writing JSON lines to stdout, or to `destination` (tests capture it). */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
