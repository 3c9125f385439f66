// zod probes for `new Function` to speed up object parsing; under the app's CSP
// (script-src 'self', no unsafe-eval) that probe is reported as a violation. The SPA
// parses small payloads, so run zod without JIT and never probe.
import { z } from 'zod';

z.config({ jitless: true });
