/**
 * Excel's custom functions runtime as the functions' bundle meets it in these tests: Microsoft's
 * custom-functions-runtime.js (from the @microsoft/office-js package) runs first, then this file, which records
 * every CustomFunctions.associate call (id → function) so that the test can call the functions as Excel would,
 * and stands in for OfficeRuntime.storage (text by key, asynchronous), which Excel shares between the pane and
 * the functions. The test fills the storage with what the pane would have left there.
 */
type Fn = (...args: unknown[]) => unknown;
type SharedStorage = {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
};
type HostWindow = Window & {
  CustomFunctions: { associate: (id: string | Record<string, Fn>, fn?: Fn) => void };
  OfficeRuntime?: { storage?: SharedStorage };
  __functions: Record<string, Fn>;
  __storage: Map<string, string>;
  __sharedStorage?: Record<string, string>;
};

const w = window as unknown as HostWindow;
const recorded: Record<string, Fn> = {};
const microsoft = w.CustomFunctions.associate;
w.CustomFunctions.associate = (id, fn) => {
  if (typeof id === 'string' && fn) recorded[id] = fn;
  else if (typeof id === 'object') Object.assign(recorded, id);
  try {
    microsoft.call(w.CustomFunctions, id, fn);
  } catch {
    // Outside Excel the runtime has no host to register with; the recording is what the test uses.
  }
};
w.__functions = recorded;

const items = new Map<string, string>(Object.entries(w.__sharedStorage ?? {}));
w.__storage = items;
const storage: SharedStorage = {
  getItem: async (key) => items.get(key) ?? null,
  setItem: async (key, value) => void items.set(key, value),
  removeItem: async (key) => void items.delete(key),
};
// The runtime replaces OfficeRuntime once Office is ready; the storage stays this one.
let runtime: object = { ...(w.OfficeRuntime ?? {}) };
Object.defineProperty(w, 'OfficeRuntime', {
  configurable: true,
  get: () => ({ ...runtime, storage }),
  set: (value: object) => {
    runtime = value;
  },
});
