#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx edugov …` works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./index.ts');
