import type { DeliveryHeader } from '../model/parsed-message.js';

/**
 * R1: the Delivered-To and X-Original-To fields of a header, in the order written, each marked with whether it
 * stands above the first `Received` field. Final delivery writes these fields at the very top, above its own
 * Received; anything below the first Received travelled with the message and proves nothing. The core's parse and
 * the intake's claim step both read the header through this one function.
 *
 * `fields` are the header's fields in order; `nameOf` gives a field's lower-case name, `valueOf` its unfolded
 * value (asked only of the delivery fields).
 */
export function readDeliveryHeaders<F>(
  fields: ReadonlyArray<F>,
  nameOf: (field: F) => string,
  valueOf: (field: F) => string,
): DeliveryHeader[] {
  const delivery: DeliveryHeader[] = [];
  let aboveFirstReceived = true;
  for (const field of fields) {
    const name = nameOf(field);
    if (name === 'received') {
      aboveFirstReceived = false;
    } else if (name === 'delivered-to' || name === 'x-original-to') {
      delivery.push({ field: name, address: valueOf(field), aboveFirstReceived });
    }
  }
  return delivery;
}
