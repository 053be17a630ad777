// Settings of the partner gateways that the gateway checks open. The test servers of the
// runtime tests import this file too, so it imports nothing and runs in any runtime.

/** The storefront origin every gateway under test allows. */
export const ORIGIN = 'https://shop.example.ru';

/** Gateway options by preset name, added to `{ client, allowedOrigins: [ORIGIN] }`. */
export const GATEWAY_PRESETS = {
  standard: {},
  shortSession: { sessionTtlMs: 1000 },
  fewAttempts: { maxAttempts: 3 },
  twoSessions: { maxSessions: 2 },
};

/**
 * Returns the preset of a gateway name of the form `PRESET-N`, as the test servers mount
 * one gateway per name at `/g/PRESET-N/`, or null for an unknown preset.
 */
export function presetOf(gatewayName) {
  const preset = gatewayName.split('-')[0];
  return Object.hasOwn(GATEWAY_PRESETS, preset) ? GATEWAY_PRESETS[preset] : null;
}

/**
 * Returns a lookup from a gateway name to the gateway mounted at `/g/NAME/`, or null for
 * an unknown preset. Each gateway is created on first use with `clientOf()` and the
 * settings of its preset. The caller passes `createPartnerGateway` from the package it runs.
 */
export function mountedGateways(createPartnerGateway, clientOf) {
  const gateways = new Map();
  return (name) => {
    let gateway = gateways.get(name);
    if (gateway === undefined) {
      const preset = presetOf(name);
      if (preset === null) {
        return null;
      }
      gateway = createPartnerGateway({ client: clientOf(), basePath: `/g/${name}`, allowedOrigins: [ORIGIN], ...preset });
      gateways.set(name, gateway);
    }
    return gateway;
  };
}
