import { z } from 'zod';

// zod probes for eval with `new Function` when a schema is built, which the add-in pages' CSP forbids and reports
// (docs/api.md "Static files"). Imported first by every entry (compose, read, the launch events) so it runs
// before any schema module is evaluated.
z.config({ jitless: true });
