// What Electron starts (package.json "main"): the app's TypeScript through tsx, as bin/crm-mail-logger.js does
// for the CLI, so a clone runs without a build step (only the sandboxed preload is bundled: npm run build:app).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
