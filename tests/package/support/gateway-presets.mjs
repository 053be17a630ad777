// Settings of the partner gateways that the gateway checks open. The test servers of the
// runtime tests import this file too, so it imports nothing and runs in any runtime.

/** The storefront origin every gateway under test allows. */
export const ORIGIN = 'https://shop.example.ru';

/** Gateway options by preset name, added to `{ client, allowedOrigins: [ORIGIN] }`. */
export const GATEWAY_PRESETS = {
  standard: {},
  shortSession: { sessionTtlMs: 1 },
  fewAttempts: { maxAttempts: 3 },
};

/**
 * Returns the preset of a gateway name of the form `PRESET-N`, as the test servers mount
 * one gateway per name at `/g/PRESET-N/`, or null for an unknown preset.
 */
export function presetOf(gatewayName) {
  const preset = gatewayName.split('-')[0];
  return Object.hasOwn(GATEWAY_PRESETS, preset) ? GATEWAY_PRESETS[preset] : null;
}
