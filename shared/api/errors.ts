/**
 * Errors that cross the contract: a stable code for programs and a message (in Chinese) a clerk
 * can act on. Anything else thrown on the Node side becomes INTERNAL with a generic message.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LOCKED',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'DEVICE',
  'DEVICE_NOT_CONFIGURED',
  'TIMEOUT',
  'TOO_LARGE',
  'UNKNOWN_DATE',
  'PLATFORM',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems, e.g. from validation: path -> message. */
  details?: { path: string; message: string }[];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
