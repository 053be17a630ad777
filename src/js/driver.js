// Runs the calls of the wasm client: sends requests with fetch, waits between attempts
// and shares the service login among a client's calls. Rust decides every step
// (src/client/steps.rs, through src/js/call.rs) and this file only performs them:
// timers, listeners and promise races take a few lines of JS, and took several KB of
// wasm when Rust drove them as futures.
//
// A call or login object's `advance(event, status, body, text, beforeSend, random)`
// takes what happened and returns the next step as `[code, ...details]`.
//
// The package builds a CommonJS copy of this file for Node, so it imports nothing and
// exports only function declarations.

// Step codes, as in src/js/call.rs.
const STEP_SEND = 1; // [1, url, verb, contentType, body, timeoutMs]
const STEP_WAIT = 2; // [2, delayMs]
const STEP_LOG_IN = 3; // [3, waitLimitMs or undefined]
const STEP_DONE = 4; // [4, result]
const STEP_FAIL = 5; // [5, OksoftError]

// Event codes, as in src/js/call.rs.
const EVENT_START = 0;
const EVENT_RESPONSE = 1;
const EVENT_NETWORK_FAILED = 2;
const EVENT_TIMED_OUT = 3;
const EVENT_ABORTED = 4;
const EVENT_WAITED = 5;
const EVENT_WAIT_ABORTED = 6;
const EVENT_LOGGED_IN = 7;
const EVENT_LOGIN_WAIT_TIMED_OUT = 8;
const EVENT_LOGIN_WAIT_ABORTED = 9;

// The JS side of one client: the fetch it was given, and the service login in
// progress that its calls share.
export function newDriverState(injectedFetch, shareLogin) {
  return { injectedFetch, shareLogin, pendingLogin: null };
}

// Runs one call to its end, then frees its wasm object. Resolves with the result or
// rejects with the OksoftError.
export async function runCall(state, call, signal) {
  try {
    let step = report(call, EVENT_START);
    for (;;) {
      if (step[0] === STEP_DONE) return step[1];
      if (step[0] === STEP_FAIL) throw step[1];
      step = step[0] === STEP_LOG_IN
        ? await logInForCall(state, call, step[1], signal)
        : await perform(state, call, step, signal);
    }
  } finally {
    call.free();
  }
}

// Sends the request of a Send step, or waits out a Wait step, and reports the outcome
// to `machine`, a call or a login.
async function perform(state, machine, step, signal) {
  if (step[0] === STEP_WAIT) {
    const wait = startSleep(step[1], signal);
    return report(machine, await wait.finished.then(() => EVENT_WAITED, () => EVENT_WAIT_ABORTED));
  }
  let response;
  try {
    response = await sendRequest(state.injectedFetch, step[1], step[2], step[3], step[4], step[5], signal);
  } catch (failure) {
    const event = failure.kind === 'timeout' ? EVENT_TIMED_OUT
      : failure.kind === 'aborted' ? EVENT_ABORTED
        : EVENT_NETWORK_FAILED;
    return machine.advance(event, 0, undefined, failure.detail, failure.beforeSend, Math.random());
  }
  const retryAfter = response.retryAfter === null ? undefined : response.retryAfter;
  return machine.advance(EVENT_RESPONSE, response.status, response.body, retryAfter, false, Math.random());
}

// Gets the service ticket for a call: joins the client's login in progress or starts
// one. With a limit, the call stops waiting when it runs out or the signal fires. The
// login then finishes its current attempt, and makes more only while other calls wait.
async function logInForCall(state, call, waitLimitMs, signal) {
  if (signal && signal.aborted) return report(call, EVENT_LOGIN_WAIT_ABORTED);

  let login;
  if (!state.shareLogin) {
    login = startLogin(state, call);
  } else {
    if (state.pendingLogin === null) state.pendingLogin = startLogin(state, call);
    login = state.pendingLogin;
  }
  login.waiters += 1;

  // Each waiting call rejects with its own copy of the login's error.
  const loggedIn = login.finished.then(() => EVENT_LOGGED_IN, (error) => {
    throw copyError(error);
  });
  if (waitLimitMs === undefined) return report(call, await loggedIn);

  const deadline = startSleep(waitLimitMs, signal);
  try {
    const ended = deadline.finished.then(() => EVENT_LOGIN_WAIT_TIMED_OUT, () => EVENT_LOGIN_WAIT_ABORTED);
    const event = await Promise.race([loggedIn, ended]);
    if (event !== EVENT_LOGGED_IN) login.waiters -= 1;
    return report(call, event);
  } finally {
    deadline.cancel();
  }
}

// Starts a service login of the call's client and runs it. Returns `{ finished, waiters }`:
// `finished` resolves once the ticket is stored in the client, or rejects with the login's
// OksoftError, and `waiters` counts the calls still waiting for it.
function startLogin(state, call) {
  const login = { finished: null, waiters: 0 };
  const run = async () => {
    const steps = call.startLogin();
    try {
      let step = report(steps, EVENT_START);
      while (step[0] !== STEP_DONE) {
        if (step[0] === STEP_FAIL) throw step[1];
        step = await perform(state, steps, step, undefined);
        // Another attempt that no call waits for would only keep the process running.
        // `finished` resolves with no ticket stored, so a later call starts a new login.
        if (login.waiters === 0 && (step[0] === STEP_SEND || step[0] === STEP_WAIT)) return;
      }
    } finally {
      steps.free();
    }
  };
  login.finished = run().finally(() => {
    if (state.pendingLogin === login) state.pendingLogin = null;
  });
  // A login whose waiters all stopped waiting still settles; that is not an error.
  login.finished.catch(() => {});
  return login;
}

// Reports to `machine` an event that carries no response or failure details, and
// returns the next step.
function report(machine, event) {
  return machine.advance(event, 0, undefined, undefined, false, Math.random());
}

// A new error with the same class, message and fields.
function copyError(error) {
  if (error === null || typeof error !== 'object') return error;
  const ErrorClass = error.constructor;
  if (typeof ErrorClass === 'function' && ErrorClass !== Error) return new ErrorClass(error.message, error);
  return Object.assign(new Error(error.message), error);
}

// Node's error codes for a connection that was refused or a host that was not found:
// nothing reached the server.
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

function sendRequest(injectedFetch, url, method, contentType, body, timeoutMs, callerSignal) {
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
function startSleep(delayMs, callerSignal) {
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
