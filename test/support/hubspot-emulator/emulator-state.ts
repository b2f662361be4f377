import { createHash } from 'node:crypto';

/** The four object types the emulator keeps (docs/hubspot.md), by their plural API names. */
export type ObjectType = 'contacts' | 'companies' | 'deals' | 'emails';

export type StoredObject = {
  readonly id: string;
  properties: Record<string, string>;
  readonly createdAt: string;
  updatedAt: string;
  archived: boolean;
};

export type PropertyDefinition = {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly hasUniqueValue: boolean;
  /** Calculated or system-set: a write is rejected (READ_ONLY_VALUE). */
  readonly readOnly: boolean;
  readonly options?: ReadonlyArray<string>;
};

export type AssociationRecord = {
  readonly fromType: ObjectType;
  readonly fromId: string;
  readonly toType: ObjectType;
  readonly toId: string;
  readonly typeId: number;
};

export type Owner = {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly userId: number;
  readonly archived: boolean;
};

export type StoredFile = {
  readonly id: string;
  readonly name: string;
  readonly extension: string;
  readonly folderPath: string;
  readonly size: number;
  readonly sha256: string;
  readonly access: string;
  readonly contentType: string;
  readonly createdAt: string;
};

/**
 * HUBSPOT_DEFINED association type ids (docs/hubspot.md table; SDK enum `AssociationTypes`): which pair each joins,
 * its reverse (HubSpot writes both directions at once, §2.4), and the label v4 reads report.
 */
export const associationTypes: ReadonlyMap<
  number,
  {
    readonly from: ObjectType;
    readonly to: ObjectType;
    readonly inverse: number;
    readonly label: string | null;
  }
> = new Map([
  [1, { from: 'contacts', to: 'companies', inverse: 2, label: 'Primary' }],
  [2, { from: 'companies', to: 'contacts', inverse: 1, label: 'Primary' }],
  [3, { from: 'deals', to: 'contacts', inverse: 4, label: null }],
  [4, { from: 'contacts', to: 'deals', inverse: 3, label: null }],
  [5, { from: 'deals', to: 'companies', inverse: 6, label: 'Primary' }],
  [6, { from: 'companies', to: 'deals', inverse: 5, label: 'Primary' }],
  [185, { from: 'companies', to: 'emails', inverse: 186, label: null }],
  [186, { from: 'emails', to: 'companies', inverse: 185, label: null }],
  [197, { from: 'contacts', to: 'emails', inverse: 198, label: null }],
  [198, { from: 'emails', to: 'contacts', inverse: 197, label: null }],
  [209, { from: 'deals', to: 'emails', inverse: 210, label: null }],
  [210, { from: 'emails', to: 'deals', inverse: 209, label: null }],
  [279, { from: 'contacts', to: 'companies', inverse: 280, label: null }],
  [280, { from: 'companies', to: 'contacts', inverse: 279, label: null }],
  [341, { from: 'deals', to: 'companies', inverse: 342, label: null }],
  [342, { from: 'companies', to: 'deals', inverse: 341, label: null }],
]);

/** Labelled (primary) types imply the unlabeled one, as in HubSpot. */
const unlabeledOf: ReadonlyMap<number, number> = new Map([
  [1, 279],
  [2, 280],
  [5, 341],
  [6, 342],
]);

/** Path segments HubSpot accepts for an object type (names, singular names, type ids; docs/hubspot.md, §2.4). */
export function objectTypeOf(segment: string): ObjectType | null {
  const aliases: Record<string, ObjectType> = {
    contacts: 'contacts',
    contact: 'contacts',
    '0-1': 'contacts',
    companies: 'companies',
    company: 'companies',
    '0-2': 'companies',
    deals: 'deals',
    deal: 'deals',
    '0-3': 'deals',
    emails: 'emails',
    email: 'emails',
    '0-49': 'emails',
  };
  return aliases[segment.toLowerCase()] ?? null;
}

function prop(
  name: string,
  options: { readOnly?: boolean; type?: string; enum?: ReadonlyArray<string>; unique?: boolean } = {},
): PropertyDefinition {
  return {
    name,
    label: name,
    type: options.enum !== undefined ? 'enumeration' : (options.type ?? 'string'),
    fieldType: options.enum !== undefined ? 'select' : 'text',
    groupName: 'builtin',
    description: '',
    hasUniqueValue: options.unique ?? false,
    readOnly: options.readOnly ?? false,
    ...(options.enum !== undefined ? { options: options.enum } : {}),
  };
}

/** HubSpot's default deal pipeline; the two closed stages decide `hs_is_closed` / `hs_is_closed_won`. */
export const defaultDealStages = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
  'closedwon',
  'closedlost',
] as const;

function builtinProperties(): Record<ObjectType, Map<string, PropertyDefinition>> {
  const common = [
    prop('hs_object_id', { readOnly: true }),
    prop('hubspot_owner_id'),
    prop('hs_lastmodifieddate', { readOnly: true }),
  ];
  const byName = (list: PropertyDefinition[]): Map<string, PropertyDefinition> =>
    new Map([...common, ...list].map((p) => [p.name, p]));
  return {
    contacts: byName([
      prop('email', { unique: true }),
      prop('firstname'),
      prop('lastname'),
      prop('company'),
      prop('phone'),
      prop('jobtitle'),
      prop('hs_additional_emails'),
      prop('createdate', { readOnly: true }),
      prop('lastmodifieddate', { readOnly: true }),
    ]),
    companies: byName([
      prop('name'),
      prop('domain'),
      prop('industry'),
      prop('createdate', { readOnly: true }),
    ]),
    deals: byName([
      prop('dealname'),
      prop('dealstage'),
      prop('pipeline'),
      prop('amount'),
      prop('closedate'),
      // Writable on import in HubSpot; the emulator lets tests seed history with it.
      prop('createdate'),
      prop('hs_is_closed', { readOnly: true }),
      prop('hs_is_closed_won', { readOnly: true }),
    ]),
    emails: byName([
      prop('hs_timestamp'),
      prop('hs_email_direction', { enum: ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL'] }),
      prop('hs_email_status', { enum: ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT'] }),
      prop('hs_email_subject'),
      prop('hs_email_text'),
      prop('hs_email_html'),
      prop('hs_email_headers'),
      prop('hs_attachment_ids'),
      prop('hs_createdate', { readOnly: true }),
      ...[
        'hs_email_from_email',
        'hs_email_from_firstname',
        'hs_email_from_lastname',
        'hs_email_to_email',
        'hs_email_to_firstname',
        'hs_email_to_lastname',
      ].map((name) => prop(name, { readOnly: true })),
    ]),
  };
}

/** What a read returns when no `properties` are asked for (search guide defaults, docs/hubspot.md, §2.3). */
export const defaultReadProperties: Record<ObjectType, ReadonlyArray<string>> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['name', 'domain', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: [
    'dealname',
    'amount',
    'closedate',
    'pipeline',
    'dealstage',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
  ],
  emails: ['hs_timestamp', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** The emulator's portal: objects, property definitions, associations (both directions), owners, files. */
export class EmulatorState {
  readonly objects: Record<ObjectType, Map<string, StoredObject>> = {
    contacts: new Map(),
    companies: new Map(),
    deals: new Map(),
    emails: new Map(),
  };
  readonly properties = builtinProperties();
  readonly propertyGroups: Record<ObjectType, ReadonlyArray<string>> = {
    contacts: ['contactinformation'],
    companies: ['companyinformation'],
    deals: ['dealinformation'],
    emails: ['emailinformation'],
  };
  /** Closed deal stages of every pipeline (custom pipelines may add their own). */
  readonly closedStages = new Map<string, 'won' | 'lost'>([
    ['closedwon', 'won'],
    ['closedlost', 'lost'],
  ]);
  /** Objects on which a custom property may have `hasUniqueValue` (docs/hubspot.md: unconfirmed for emails). */
  readonly uniquePropertiesAllowed = new Set<ObjectType>(['contacts', 'companies', 'deals', 'emails']);
  readonly owners: Owner[] = [];
  readonly files = new Map<string, StoredFile>();
  private readonly links = new Map<string, AssociationRecord[]>();
  private nextId = 1001;

  constructor(private readonly now: () => Date) {}

  newId(): string {
    return String(this.nextId++);
  }

  /** Creates an object without HTTP (test seeding); derived properties are filled as HubSpot does. */
  create(
    type: ObjectType,
    properties: Record<string, string>,
    createdAt = this.now().toISOString(),
  ): StoredObject {
    const id = this.newId();
    const object: StoredObject = {
      id,
      properties: { ...properties },
      createdAt,
      updatedAt: createdAt,
      archived: false,
    };
    if (type === 'contacts' && object.properties.email !== undefined) {
      object.properties.email = object.properties.email.toLowerCase();
    }
    this.objects[type].set(id, object);
    this.derive(type, object);
    this.indexCreated(type, object);
    return object;
  }

  addContact(properties: Record<string, string>): StoredObject {
    return this.create('contacts', properties);
  }

  addCompany(properties: Record<string, string>): StoredObject {
    return this.create('companies', properties);
  }

  /** `createdate` may be given to seed history. */
  addDeal(properties: Record<string, string>): StoredObject {
    return this.create('deals', { pipeline: 'default', ...properties }, properties.createdate);
  }

  addOwner(owner: { email: string; firstName?: string; lastName?: string; archived?: boolean }): Owner {
    const id = this.newId();
    const created: Owner = {
      id,
      email: owner.email,
      firstName: owner.firstName ?? '',
      lastName: owner.lastName ?? '',
      userId: 5000 + this.owners.length,
      archived: owner.archived ?? false,
    };
    this.owners.push(created);
    return created;
  }

  /** Links two objects in both directions (docs/hubspot.md); a primary label brings the unlabeled type along. */
  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeId: number): void {
    const spec = associationTypes.get(typeId);
    if (spec === undefined || spec.from !== fromType || spec.to !== toType) {
      throw new Error(`association type ${typeId} does not join ${fromType} to ${toType}`);
    }
    this.link({ fromType, fromId, toType, toId, typeId });
    this.link({ fromType: toType, fromId: toId, toType: fromType, toId: fromId, typeId: spec.inverse });
    const unlabeled = unlabeledOf.get(typeId);
    if (unlabeled !== undefined) {
      this.associate(fromType, fromId, toType, toId, unlabeled);
    }
  }

  associationsOf(fromType: ObjectType, fromId: string, toType: ObjectType): ReadonlyArray<AssociationRecord> {
    return (this.links.get(`${fromType}:${fromId}`) ?? []).filter((a) => a.toType === toType);
  }

  /** The object with this value of a unique property (`email` for contacts, a custom unique property). */
  findByUnique(type: ObjectType, property: string, value: string): StoredObject | undefined {
    const wanted = property === 'email' ? value.toLowerCase() : value;
    const hit = this.uniqueIndex(type, property).get(wanted);
    if (hit !== undefined && !hit.archived && hit.properties[property] === wanted) {
      return hit;
    }
    // Not indexed, or changed behind the index by a test: the full scan is the truth.
    for (const object of this.objects[type].values()) {
      if (!object.archived && object.properties[property] === wanted) {
        return object;
      }
    }
    return undefined;
  }

  /**
   * Objects by a property's value, built on the first lookup and kept up by `create`: a linear scan per lookup
   * made the emulator quadratic, and it dominated a 10,000-email sync it was meant only to serve.
   */
  private readonly indexes = new Map<string, Map<string, StoredObject>>();

  private uniqueIndex(type: ObjectType, property: string): Map<string, StoredObject> {
    const key = `${type}\u0000${property}`;
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = new Map();
      for (const object of this.objects[type].values()) {
        const v = object.properties[property];
        if (v !== undefined && !index.has(v)) {
          index.set(v, object);
        }
      }
      this.indexes.set(key, index);
    }
    return index;
  }

  private indexCreated(type: ObjectType, object: StoredObject): void {
    for (const [key, index] of this.indexes) {
      const [indexType, property] = key.split('\u0000') as [string, string];
      const v = object.properties[property];
      if (indexType === type && v !== undefined && !index.has(v)) {
        index.set(v, object);
      }
    }
  }

  addFile(file: Omit<StoredFile, 'id' | 'createdAt' | 'sha256'> & { readonly data: Buffer }): StoredFile {
    const { data, ...rest } = file;
    const stored: StoredFile = {
      ...rest,
      id: this.newId(),
      sha256: createHash('sha256').update(data).digest('hex'),
      createdAt: this.now().toISOString(),
    };
    this.files.set(stored.id, stored);
    return stored;
  }

  /** Recomputes calculated properties: ids, dates, deal closed flags, the email's header-derived fields. */
  derive(type: ObjectType, object: StoredObject): void {
    const p = object.properties;
    p.hs_object_id = object.id;
    p.hs_lastmodifieddate = object.updatedAt;
    if (type === 'contacts') {
      p.createdate = object.createdAt;
      p.lastmodifieddate = object.updatedAt;
    } else if (type === 'companies') {
      p.createdate = object.createdAt;
    } else if (type === 'deals') {
      p.createdate = p.createdate ?? object.createdAt;
      const closed = this.closedStages.get(p.dealstage ?? '');
      p.hs_is_closed = String(closed !== undefined);
      p.hs_is_closed_won = String(closed === 'won');
    } else {
      p.hs_createdate = object.createdAt;
      deriveHeaderFields(p);
    }
  }

  private link(record: AssociationRecord): void {
    const key = `${record.fromType}:${record.fromId}`;
    const list = this.links.get(key) ?? [];
    if (
      !list.some((a) => a.toType === record.toType && a.toId === record.toId && a.typeId === record.typeId)
    ) {
      list.push(record);
    }
    this.links.set(key, list);
  }
}

type HeaderPerson = { email: string; firstName?: string; lastName?: string };

/** docs/hubspot.md: HubSpot derives the read-only from/to fields from `hs_email_headers`. */
function deriveHeaderFields(p: Record<string, string>): void {
  if (p.hs_email_headers === undefined) {
    return;
  }
  const headers = JSON.parse(p.hs_email_headers) as { from: HeaderPerson; to?: HeaderPerson[] };
  p.hs_email_from_email = headers.from.email;
  p.hs_email_from_firstname = headers.from.firstName ?? '';
  p.hs_email_from_lastname = headers.from.lastName ?? '';
  const to = headers.to ?? [];
  p.hs_email_to_email = to.map((t) => t.email).join(';');
  p.hs_email_to_firstname = to.map((t) => t.firstName ?? '').join(';');
  p.hs_email_to_lastname = to.map((t) => t.lastName ?? '').join(';');
}
