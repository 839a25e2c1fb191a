import type * as XeroNode from 'xero-node';

let loaded: typeof XeroNode | undefined;

/**
 * xero-node, loaded when first needed: it and what it brings (axios, openid-client, hundreds of model files) take
 * about 0.3 s to load, which a proxy serving snapshots or the demo organisation never needs. A proxy with a Xero
 * app configured loads it at start (`XeroConnections`' constructor), so that no request waits for it.
 */
export function xeroNode(): typeof XeroNode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  loaded ??= require('xero-node') as typeof XeroNode;
  return loaded;
}
