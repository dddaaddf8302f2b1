#!/usr/bin/env node
// The first step of `npm run build`: remove dist/, so that what is packed (npm pack runs prepare) is
// exactly what this build writes — no module left from a file since deleted, no source map from a
// build that wrote them.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(fileURLToPath(new URL('../dist', import.meta.url)), { recursive: true, force: true });
