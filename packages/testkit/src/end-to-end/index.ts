/**
 * `@jq/testkit/end-to-end`: the conformance suite's end-to-end group against an
 * emulator, with the native engine's workers connecting.
 *
 * ```ts
 * backendConformanceSuite(it, () => lsfBackend, { options, fixtures, endToEnd: emulatorEndToEnd(() => createLsfEmulator()) });
 * ```
 * @module
 */
export { emulatorEndToEnd } from './emulator-end-to-end.js';
