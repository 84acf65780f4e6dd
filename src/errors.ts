export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID';

/** A failure the user should see: `message` is Chinese and shown as is (toast, error row, exit message). */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (msg: string) => new AppError('NOT_FOUND', msg);
export const forbidden = (msg = '您没有权限进行此操作') => new AppError('FORBIDDEN', msg);
export const conflict = (msg: string) => new AppError('CONFLICT', msg);
export const invalid = (msg: string, details?: unknown) => new AppError('INVALID', msg, details);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
