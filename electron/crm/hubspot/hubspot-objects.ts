/**
 * The backend's own small shapes of HubSpot objects (docs/hubspot.md#requests), shared by every HubSpot call and
 * by what is built on them. Every property value is a string, in and out.
 */
export type ObjectType = 'contacts' | 'companies' | 'deals' | 'emails';

export type RemoteObject = {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
};

export type AssociationInput = {
  readonly to: { readonly id: string };
  readonly types: ReadonlyArray<{
    readonly associationCategory: 'HUBSPOT_DEFINED';
    readonly associationTypeId: number;
  }>;
};

export type CreateInput = {
  readonly properties: Readonly<Record<string, string>>;
  readonly associations: ReadonlyArray<AssociationInput>;
};

/** v4: per object, the objects it is associated with and by which type ids. */
export type Associations = ReadonlyMap<
  string,
  ReadonlyArray<{ readonly toId: string; readonly typeIds: ReadonlyArray<number> }>
>;

export type Owner = { readonly id: string; readonly email: string };

/** docs/hubspot.md#batch-limits: at most 100 inputs per batch call, and per `IN` filter here. */
export const batchLimit = 100;

export function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/** An object as the SDK answers it (ids may be typed loosely). */
export type SdkObject = { readonly id: string; readonly properties: Readonly<Record<string, string | null>> };

export function toRemote(o: SdkObject): RemoteObject {
  return { id: String(o.id), properties: { ...o.properties } };
}
