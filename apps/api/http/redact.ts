/** The API's log redaction is the one every process uses (libs/logging/redact.ts). */
export { redactText, redactUrl } from '../../../libs/logging/redact';
