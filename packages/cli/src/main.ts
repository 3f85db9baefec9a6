#!/usr/bin/env node
/**
 * `jobqueue`: the command line of jobqueue. Only commander loads up front; each command
 * imports its own modules (core, the backend, the scheduler) when it runs.
 */
import { runCli } from './cli-program.js';

process.exitCode = await runCli(process.argv);
