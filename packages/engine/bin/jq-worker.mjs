#!/usr/bin/env node
// Committed shim so package managers can link the bin before a build exists.
import "../dist/worker-main.js";
