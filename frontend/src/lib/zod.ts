import { z } from 'zod';

// Zod compiles parsers with `new Function` when it may; the service's Content-Security-Policy
// has no 'unsafe-eval', so its probe would be reported as a CSP violation in the console.
// Every schema imports `z` from here, so the setting is made before any schema is built.
z.config({ jitless: true });

export { z };
