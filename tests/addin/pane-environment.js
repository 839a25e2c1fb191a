// jsdom for the pane, plus the Node globals that the in-process proxy (Express, supertest) needs,
// so that pane tests talk to the real proxy app rather than to hand-written answers.
const { TestEnvironment } = require('jest-environment-jsdom');

module.exports = class PaneEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.assign(this.global, {
      TextEncoder,
      TextDecoder,
      setImmediate,
      clearImmediate,
      structuredClone,
      // Node's Buffers (fs, the proxy's PDF fonts) are Node's Uint8Arrays: one realm's typed arrays for both, as in Node.
      Uint8Array,
      ArrayBuffer,
    });
    if (!this.global.crypto || !this.global.crypto.randomUUID) this.global.crypto = globalThis.crypto;
    // jsdom does no layout, so nothing is ever resized: an observer that never fires is what a browser would do here.
    if (!this.global.ResizeObserver) {
      this.global.ResizeObserver = class ResizeObserver {
        observe() {}
        unobserve() {}
        disconnect() {}
      };
    }
  }
};
