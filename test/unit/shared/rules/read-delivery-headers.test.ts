import { describe, expect, it } from 'vitest';
import { readDeliveryHeaders } from '#shared/rules/read-delivery-headers.js';

type Field = { readonly name: string; readonly value: string };

const read = (fields: ReadonlyArray<Field>) =>
  readDeliveryHeaders(
    fields,
    (field) => field.name,
    (field) => field.value,
  );

describe('readDeliveryHeaders (R1)', () => {
  it('R1: keeps the order written across both fields, and marks what stands below the first Received', () => {
    expect(
      read([
        { name: 'return-path', value: '<ann@corp.example>' },
        { name: 'x-original-to', value: 'log+fwd@corp.example' },
        { name: 'delivered-to', value: 'log+bcc@corp.example' },
        { name: 'received', value: 'from mx.corp.example' },
        { name: 'delivered-to', value: 'ann+crm-bcc@corp.example' },
        { name: 'received', value: 'from sender.example' },
      ]),
    ).toEqual([
      { field: 'x-original-to', address: 'log+fwd@corp.example', aboveFirstReceived: true },
      { field: 'delivered-to', address: 'log+bcc@corp.example', aboveFirstReceived: true },
      { field: 'delivered-to', address: 'ann+crm-bcc@corp.example', aboveFirstReceived: false },
    ]);
  });

  it('R1: a header with no Received field at all has every delivery field above it', () => {
    expect(read([{ name: 'delivered-to', value: 'log+bcc@corp.example' }])).toEqual([
      { field: 'delivered-to', address: 'log+bcc@corp.example', aboveFirstReceived: true },
    ]);
  });

  it('R1: a delivery field under a Received at the very top counts for nothing', () => {
    expect(
      read([
        { name: 'received', value: 'from mx.corp.example' },
        { name: 'x-original-to', value: 'log+bcc.k3x9@corp.example' },
      ]),
    ).toEqual([{ field: 'x-original-to', address: 'log+bcc.k3x9@corp.example', aboveFirstReceived: false }]);
  });
});
