#!/usr/bin/env node
// The `gds` command. This file is committed rather than built so that it exists when npm links the
// workspace's bins, which happens before `prepare` builds dist/: `npm ci && npx gds ...` then works on a
// fresh clone.
import '../dist/bin.js';
