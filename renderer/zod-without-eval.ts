import { z } from 'zod';

// zod probes for eval with `new Function` when a schema is built, which the window's CSP forbids and reports.
// Imported first by the entry so it runs before any schema module is evaluated.
z.config({ jitless: true });
