import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { AuditEntry } from '@/api/generated/openapi';
import { AuditEntryItem } from '@/features/audit/components/audit-entry-item';

function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    id: '00000000-0000-4000-8000-0000000000e1',
    time: '2026-12-06T12:00:00.000Z',
    actor: 'admin',
    action: 'store.created',
    entityType: 'store',
    entityId: '00000000-0000-4000-8000-0000000000e2',
    storeId: null,
    storeCode: null,
    requestId: 'req-1',
    changes: [],
    ...over,
  };
}

function show(e: AuditEntry) {
  const router = createMemoryRouter([
    {
      path: '*',
      element: (
        <ul>
          <AuditEntryItem entry={e} />
        </ul>
      ),
    },
  ]);
  render(<RouterProvider router={router} />);
  return screen.getAllByRole('listitem')[0];
}

describe('AuditEntryItem wording', () => {
  it.each([
    [
      entry({
        action: 'address_pool.created',
        entityType: 'address_pool',
        changes: [{ field: 'cidr', before: null, after: '10.20.0.0/16' }],
      }),
      'admin added address pool 10.20.0.0/16',
    ],
    [
      entry({
        action: 'address_pool.deleted',
        entityType: 'address_pool',
        changes: [{ field: 'cidr', before: '10.20.0.0/16', after: null }],
      }),
      'admin deleted address pool 10.20.0.0/16',
    ],
    [
      entry({ action: 'hardware_item.imported', entityType: 'hardware_item' }),
      'admin imported stock',
    ],
    [
      entry({ action: 'run.failed', actor: 'system', storeCode: 'NYC-0042' }),
      'system saw a run fail for NYC-0042',
    ],
  ])('words %#', (e, text) => {
    expect(show(e)).toHaveTextContent(text);
  });

  it('names a template by its name and links to its page (deleted: no link)', () => {
    const created = entry({
      action: 'template.created',
      entityType: 'template' as AuditEntry['entityType'],
      changes: [{ field: 'name', before: null, after: 'Mall unit' }],
    });
    const item = show(created);
    expect(item).toHaveTextContent('admin created template Mall unit');
    expect(screen.getByRole('link', { name: 'Mall unit' })).toHaveAttribute(
      'href',
      `/templates/${created.entityId}`,
    );
  });

  it('does not link a deleted template', () => {
    const item = show(
      entry({
        action: 'template.deleted',
        entityType: 'template' as AuditEntry['entityType'],
        changes: [{ field: 'name', before: 'Mall unit', after: null }],
      }),
    );
    expect(item).toHaveTextContent('admin deleted template Mall unit');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
