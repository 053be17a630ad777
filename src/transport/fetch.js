// The JS half of the fetch transport: the request, its timer and the caller's abort
// signal. Rust decides what to send, how long to wait and what a failure means, and
// this file only runs fetch. Driving timers, listeners and promise races through Rust
// closures took about 6 KB of wasm.
//
// Both exported functions reject with
// `{ kind: 'network' | 'timeout' | 'aborted', detail, beforeSend }`, where `beforeSend`
// is true only when the request certainly never reached the server.
//
// The package builds a CommonJS copy of this file for Node, so it imports nothing and
// exports only function declarations.

// Node's error codes for a connection that was refused or a host that was not found:
// nothing reached the server.
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

export function sendRequest(injectedFetch, url, method, contentType, body, timeoutMs, callerSignal) {
  if (callerSignal && callerSignal.aborted) {
    return Promise.reject({ kind: 'aborted', detail: '', beforeSend: true });
  }
  const fetchFunction = injectedFetch || globalThis.fetch;
  if (typeof fetchFunction !== 'function') {
    const detail = 'no global fetch; use Node 18 or newer, or pass the fetch option';
    return Promise.reject({ kind: 'network', detail, beforeSend: true });
  }
  const controller = new AbortController();
  const stop = stopAfter(timeoutMs, callerSignal, controller);

  const run = async () => {
    // The request options, as a plain object so injected fetch functions see exactly
    // what the standard one would.
    const init = { method, signal: controller.signal };
    if (body !== undefined) {
      init.headers = { 'Content-Type': contentType };
      init.body = body;
    }

    // A fetch that throws synchronously never sent anything.
    let started;
    try {
      started = fetchFunction(url, init);
    } catch (error) {
      throw describeFailure(error, true);
    }
    const response = await Promise.race([started, stop.stopped]).catch((error) => {
      throw describeFailure(error, false);
    });

    // Read status, headers and body by name, so any Response-like object works.
    const status = response && response.status;
    if (typeof status !== 'number' || !(status >= 100 && status <= 599)) {
      throw { kind: 'network', detail: 'fetch resolved to something that is not a Response', beforeSend: false };
    }
    if (typeof response.arrayBuffer !== 'function') {
      throw { kind: 'network', detail: 'the Response has no arrayBuffer() method', beforeSend: false };
    }
    const buffer = await Promise.race([response.arrayBuffer(), stop.stopped]).catch((error) => {
      throw describeFailure(error, false);
    });
    return { status, body: new Uint8Array(buffer), retryAfter: retryAfterHeader(response) };
  };

  // The timer or the caller's signal decides the outcome even when an injected fetch
  // ignores the signal it was given. An error thrown by a Response-like object's own
  // getters or methods is described like a failed fetch.
  return run().then(
    (response) => stop.settle(null, response),
    (failure) => stop.settle(isTransportFailure(failure) ? failure : describeFailure(failure, false), null),
  );
}

// Starts a wait of `delayMs`, which `cancel()` ends early without settling `finished`:
// a caller that stops waiting takes the timer and the listener down with it.
export function startSleep(delayMs, callerSignal) {
  if (callerSignal && callerSignal.aborted) {
    return { finished: Promise.reject({ kind: 'aborted', detail: '', beforeSend: true }), cancel() {} };
  }
  const stop = stopAfter(delayMs, callerSignal, null);
  const finished = stop.stopped.catch(() => stop.settle(null, undefined));
  return { finished, cancel: stop.disarm };
}

// Arms a timer of `delayMs` and a listener on `callerSignal`; either one rejects
// `stopped` and aborts `controller`. `disarm` takes both down. `settle` does too, then
// returns `response` or throws `failure`, unless one of them fired first, which
// decides the outcome.
// Without a controller it is a sleep: its timer is its normal end, and an abort during
// it sent nothing.
function stopAfter(delayMs, callerSignal, controller) {
  let reason = null;
  let rejectStopped;
  const stopped = new Promise((_resolve, reject) => {
    rejectStopped = reject;
  });
  // Without a handler, Node would report the rejection of a finished request as
  // unhandled.
  stopped.catch(() => {});

  const stop = (stopReason) => {
    if (reason !== null) return;
    reason = stopReason;
    if (controller) controller.abort();
    rejectStopped(new Error(stopReason));
  };
  const timer = setTimeout(() => stop('timeout'), delayMs);
  const onAbort = () => stop('aborted');
  if (callerSignal) callerSignal.addEventListener('abort', onAbort);

  const disarm = () => {
    clearTimeout(timer);
    if (callerSignal) callerSignal.removeEventListener('abort', onAbort);
  };
  const settle = (failure, response) => {
    disarm();
    if (reason === 'aborted') {
      throw { kind: 'aborted', detail: '', beforeSend: !controller };
    }
    if (reason === 'timeout' && controller) {
      throw { kind: 'timeout', detail: '', beforeSend: false };
    }
    if (failure) throw failure;
    return response;
  };
  return { stopped, settle, disarm };
}

function isTransportFailure(value) {
  return value !== null && typeof value === 'object' && ['network', 'timeout', 'aborted'].includes(value.kind);
}

// Describes a rejected fetch: an `AbortError` is an abort, anything else a network
// failure named by its name, message and Node's `cause.code` or cause message.
function describeFailure(error, thrownBeforeSend) {
  const isObject = error !== null && typeof error === 'object';
  const name = isObject && typeof error.name === 'string' ? error.name : null;
  // An injected fetch may be wired to an abort signal of the caller's own.
  if (name === 'AbortError') {
    return { kind: 'aborted', detail: '', beforeSend: thrownBeforeSend };
  }
  let message = 'fetch failed';
  if (isObject && typeof error.message === 'string') message = error.message;
  else if (typeof error === 'string') message = error;
  const cause = isObject && error.cause !== null && typeof error.cause === 'object' ? error.cause : null;
  const code = cause && typeof cause.code === 'string' ? cause.code : null;
  // Node's fetch reports only "fetch failed", and its cause gives the reason, such as
  // "bad port".
  const causeMessage = cause && typeof cause.message === 'string' && cause.message !== message ? cause.message : null;

  let detail = name ? `${name}: ${message}` : message;
  if (code || causeMessage) detail += ` (${code || causeMessage})`;
  return { kind: 'network', detail, beforeSend: thrownBeforeSend || NOT_SENT_CODES.includes(code) };
}

// The `Retry-After` header as text, or null.
function retryAfterHeader(response) {
  try {
    const value = response.headers.get('retry-after');
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
