import type { SerializedError } from '@reduxjs/toolkit';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import type {
  FieldError,
  PlanConflictProblem,
  Problem as ProblemBody,
  StaleTemplateProblem,
  StaleVersionProblem,
} from '@/api/generated/openapi';

/**
 * Any failed call narrowed to one shape: the service's RFC 9457 body (generated types), or a
 * problem made up here for what never reached the service (network down: status 0).
 */
export type Problem = Pick<ProblemBody, 'title' | 'status'> &
  Partial<Omit<ProblemBody, 'title' | 'status' | 'errors'>> &
  Partial<Pick<StaleVersionProblem, 'currentVersion'>> &
  Partial<Pick<PlanConflictProblem, 'changes'>> & {
    /** A 412's current document: a store's, or a template's (StaleTemplateProblem). */
    current?: StaleVersionProblem['current'] | StaleTemplateProblem['current'];
    errors: FieldError[];
  };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isProblemBody(v: unknown): v is Omit<Problem, 'errors'> & { errors?: unknown } {
  return isRecord(v) && typeof v.status === 'number' && typeof v.title === 'string';
}

function fieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (e): e is FieldError =>
      isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string',
  );
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed for your role',
  404: 'Not found',
  409: 'Conflict',
  412: 'Changed by someone else',
  413: 'Request too large',
  422: 'Validation failed',
  428: 'Version required',
  429: 'Too many requests',
  500: 'Server error',
  503: 'Service unavailable',
};

/** Narrows any RTK Query / thrown error into a Problem. */
export function toProblem(error: unknown): Problem {
  if (isRecord(error) && 'status' in error) {
    const e = error as FetchBaseQueryError;
    if (typeof e.status === 'number') {
      const body = (e as { data?: unknown }).data;
      if (isProblemBody(body)) {
        return { ...body, status: e.status, errors: fieldErrors(body.errors) };
      }
      return {
        title: STATUS_TITLES[e.status] ?? `HTTP ${e.status}`,
        status: e.status,
        detail: typeof body === 'string' && body.length < 300 ? body : undefined,
        errors: [],
      };
    }
    if (e.status === 'FETCH_ERROR' || e.status === 'TIMEOUT_ERROR') {
      return { title: 'The server cannot be reached', status: 0, detail: e.error, errors: [] };
    }
    if (e.status === 'PARSING_ERROR') {
      return {
        title: STATUS_TITLES[e.originalStatus] ?? 'Unexpected response',
        status: e.originalStatus,
        errors: [],
      };
    }
    return { title: 'Unexpected error', status: 0, detail: String(e.error), errors: [] };
  }
  if (isProblemBody(error)) return { ...error, errors: fieldErrors(error.errors) };
  const se = error as SerializedError | undefined;
  return { title: 'Unexpected error', status: 0, detail: se?.message, errors: [] };
}

export function problemMessage(p: Problem): string {
  return p.detail && p.detail !== p.title ? `${p.title}: ${p.detail}` : p.title;
}

/** `networkPlan[1].vlanId` → `networkPlan.1.vlanId` (react-hook-form's path syntax). */
export function toFormPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Puts the problem's field errors on the matching form fields. Returns the errors that
 * matched no field so the caller can show them elsewhere.
 */
export function applyFieldErrors<T extends FieldValues>(
  problem: Problem,
  setError: UseFormSetError<T>,
  isField: (path: string) => boolean = () => true,
): FieldError[] {
  const unmatched: FieldError[] = [];
  let first = true;
  for (const e of problem.errors) {
    const path = toFormPath(e.field);
    if (!isField(path)) {
      unmatched.push(e);
      continue;
    }
    setError(path as Path<T>, { type: 'server', message: e.message }, { shouldFocus: first });
    first = false;
  }
  return unmatched;
}

/**
 * A form's failed submit: the problem's errors on the form's own `fields` (names, or a test of
 * a path), and what is
 * left (a problem without field errors, or errors naming other fields) as one message for above
 * the form; null when every error found its field.
 */
export function formProblem<T extends FieldValues>(
  problem: Problem,
  setError: UseFormSetError<T>,
  fields: readonly (keyof T & string)[] | ((path: string) => boolean),
): string | null {
  const isField = typeof fields === 'function' ? fields : (path: string) => fields.includes(path);
  const unmatched = applyFieldErrors(problem, setError, isField);
  if (problem.errors.length === 0) return problemMessage(problem);
  return unmatched.length ? unmatched.map((e) => `${e.field}: ${e.message}`).join('; ') : null;
}
