#!/usr/bin/env node
import '../dist/manager-main.js';
