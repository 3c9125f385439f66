/**
 * `npm run test:secrets` (the last step of `npm test`, after the build and the e2e run):
 * no secret in the build, the test artefacts, the server's logs or its HTTP responses.
 */
import { sweepSecrets } from './secrets/secret-sweep';

const report = await sweepSecrets({ requireDist: true });
console.log(`secrets sweep scanned: ${report.scanned.join('; ')}`);
if (report.findings.length > 0) {
  for (const f of report.findings)
    console.error(`LEAK: ${f.secret} (${f.encoding}) in ${f.where} at byte ${f.offset}`);
  process.exitCode = 1;
} else {
  console.log('secrets sweep: no secret found (verbatim, percent-encoded, JSON-escaped, hex or base64).');
}
