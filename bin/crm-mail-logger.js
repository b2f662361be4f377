#!/usr/bin/env node
// The `crm-mail-logger` command: runs the TypeScript CLI through tsx, so that a clone works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli.ts');
