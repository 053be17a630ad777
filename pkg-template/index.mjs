// Node entry (import): the same instance as require(), so errors match either way.
import cjs from './index.cjs';

export const { OksoftClient, OksoftError, md5Hex, init, initSync, wasmMemorySize, createPartnerGateway, toNodeHandler } = cjs;
export default init;
