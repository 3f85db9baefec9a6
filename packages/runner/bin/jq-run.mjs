#!/usr/bin/env node
import '../dist/run-main.js';
