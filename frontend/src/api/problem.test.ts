import { describe, expect, it, vi } from 'vitest';

import { applyFieldErrors, problemMessage, toFormPath, toProblem } from '@/api/problem';

describe('toProblem', () => {
  it('keeps a problem+json body with its field errors', () => {
    const p = toProblem({
      status: 422,
      data: {
        title: 'Validation failed',
        status: 422,
        errors: [{ field: 'code', message: 'bad' }, { nope: 1 }],
      },
    });
    expect(p.status).toBe(422);
    expect(p.errors).toEqual([{ field: 'code', message: 'bad' }]);
  });
  it('names plain HTTP errors and network failures', () => {
    expect(toProblem({ status: 403, data: 'x' }).title).toBe('Not allowed for your role');
    expect(toProblem({ status: 'FETCH_ERROR', error: 'down' }).status).toBe(0);
    expect(
      toProblem({ status: 'PARSING_ERROR', originalStatus: 502, data: '', error: '' }).status,
    ).toBe(502);
    expect(toProblem(new Error('boom')).detail).toBe('boom');
  });
  it('formats a message with the detail', () => {
    expect(
      problemMessage({ title: 'Conflict', status: 409, detail: 'illegal transition', errors: [] }),
    ).toBe('Conflict: illegal transition');
  });
});

describe('field errors', () => {
  it('maps server paths to form paths', () => {
    expect(toFormPath('networkPlan[1].vlanId')).toBe('networkPlan.1.vlanId');
  });
  it('sets known fields and returns the rest', () => {
    const setError = vi.fn();
    const rest = applyFieldErrors(
      {
        title: 'x',
        status: 422,
        errors: [
          { field: 'location.country', message: 'm1' },
          { field: 'If-Match', message: 'm2' },
        ],
      },
      setError,
      (f) => f.startsWith('location'),
    );
    expect(setError).toHaveBeenCalledWith(
      'location.country',
      { type: 'server', message: 'm1' },
      { shouldFocus: true },
    );
    expect(rest).toEqual([{ field: 'If-Match', message: 'm2' }]);
  });
});
