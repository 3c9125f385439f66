export * from './rfc3986';
export * from './v3';
export * from './v1';
