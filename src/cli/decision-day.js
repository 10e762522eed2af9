#!/usr/bin/env node
// The `decision-day` command. tsx compiles the TypeScript on the fly, so the CLI runs from the
// source tree with no build step, exactly the code the tests exercise.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
