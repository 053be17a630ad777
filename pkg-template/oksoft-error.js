/**
 * The error every OksoftClient method rejects with.
 *
 * `kind` is one of validation, api, auth, http, network, timeout, aborted, decode,
 * outcome_unknown;
 * `code` is a stable snake_case case name. `message` is in the client's locale.
 */
export class OksoftError extends Error {
  constructor(message, fields) {
    super(message);
    this.name = 'OksoftError';
    this.kind = fields.kind;
    this.code = fields.code;
    this.method = fields.method;
    this.resultNumber = fields.resultNumber;
    this.resultText = fields.resultText;
    this.status = fields.status;
    this.field = fields.field;
    this.problems = fields.problems;
    this.notSent = fields.notSent;
    this.requestParams = fields.requestParams;
  }
}
