#!/usr/bin/env node
// Committed shim so package managers can link the bin before a build exists.
require('../dist/worker-main.cjs');
