import { TEAM_MEMBER, type CoworkerContractRecord } from './account.js';
import { countryByCode } from './countries.js';
import { mulberry32 } from './faults.js';
import { nexudusTime, stableUuid } from './ids.js';
import type { ContractContactRecord } from './types.js';

/**
 * The generated contacts span this year of the account's life, in Id order (a later Id was
 * created later, as in Nexudus), each on a contract that had started by then.
 */
const SPAN_START = Date.parse('2025-01-02T08:00:00Z');
const SPAN_END = Date.parse('2025-12-31T18:00:00Z');
const DAY = 86_400_000;

const FIRST_NAMES = [
  'Olivia',
  'Amélie',
  'Jürgen',
  'Siobhán',
  'Rahul',
  'Chloé',
  'Lars',
  'Sofia',
  'James',
  'Émile',
  'Hannah',
  'Mateo',
  'Aoife',
  'Lucía',
  'Noah',
  'Zoë',
  'Karim',
  'Ingrid',
  'Priya',
  'Tomás',
  'Greta',
  'Oliver',
  'Léa',
  'Björn',
  'Fatima',
  'Marco',
  'Niamh',
  'Yusuf',
  'Élodie',
  'Henrik',
  'Ana',
  'Lukas',
  'Maëlle',
  'Ciarán',
  'Giulia',
  'Sven',
  'Aisha',
  'Pierre',
  'Freya',
  'Diego',
  'Anjali',
  'Mathis',
  'Saoirse',
  'Jonas',
  'Inès',
  'Róisín',
  'Arjun',
  'Camille',
  'Nils',
  'Elena',
  'William',
  'Agnès',
  'Florian',
  'Mia',
  'Rafael',
  'Astrid',
  'Ewan',
  'Clara',
  'Kofi',
  'Dagný',
];

const LAST_NAMES = [
  'Bennett',
  'Durand',
  'Weiß',
  "O'Connor",
  'Mehta',
  'Martin',
  'Østergaard',
  'Rossi',
  'Smith',
  'Lefèvre',
  'Müller',
  'García',
  'Murphy',
  'Bianchi',
  'Jensen',
  'Patel',
  'Dubois',
  'Schröder',
  'López',
  'Kelly',
  'Ferrari',
  'Nielsen',
  'Sharma',
  'Moreau',
  'Fischer',
  'Fernández',
  'Byrne',
  'Romano',
  'Hansen',
  'Iyer',
  'Laurent',
  'Becker',
  'Martínez',
  'Walsh',
  'Greco',
  'Larsen',
  'Nair',
  'Girard',
  'Hoffmann',
  'Sánchez',
  'Ó Briain',
  'Conti',
  'Pedersen',
  'Reddy',
  'Bonnet',
  'Schäfer',
  'Núñez',
  'Doyle',
  'Esposito',
  'Christensen',
  'Kapoor',
  'Fontaine',
  'Wagner',
  'Ramírez',
  'MacCarthy',
  'Ricci',
  'Sørensen',
  'Das',
  'Chevalier',
  'Koch',
];

const TRADES = [
  'Design',
  'Consulting',
  'Holdings',
  'Analytics',
  'Studio',
  'Ventures',
  'Partners',
  'Legal',
  'Trading',
  'Media',
  'Engineering',
  'Logistics',
  'Properties',
  'Software',
  'Architects',
  'Finance',
  'Health',
  'Foods',
  'Energy',
  'Imports',
];

const NOTES = [
  'Mail to be forwarded weekly.',
  'Collects post in person.',
  'Scan and email all letters.',
  'Registered office address only.',
  'Parcels held at reception.',
];

const AML_NOTES = ['Name match on a sanctions list: different date of birth.', 'ID re-checked.'];

/** Where a contact lives: the country, its cities, how its post codes and phones look. */
interface Place {
  readonly country: string;
  readonly form: string;
  readonly cities: readonly string[];
  readonly streets: readonly string[];
  readonly postCode: (r: () => number) => string;
  readonly phone: (r: () => number) => string;
  /** The state of each city, where addresses name one. */
  readonly states?: readonly string[];
}

const digits = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const letter = (r: () => number) => String.fromCharCode(65 + Math.floor(r() * 26));

const PLACES: readonly Place[] = [
  {
    country: 'GB',
    form: 'Ltd',
    cities: ['London', 'Manchester', 'Bristol', 'Edinburgh', 'Leeds'],
    streets: ['Wharf Road', 'High Street', 'Station Road', 'Church Lane', 'Victoria Street'],
    postCode: (r) =>
      `${letter(r)}${letter(r)}${1 + Math.floor(r() * 20)} ${digits(r, 1)}${letter(r)}${letter(r)}`,
    // Ofcom's range for drama: 020 7946 0000–0999.
    phone: (r) => `+44 20 7946 0${digits(r, 3)}`,
  },
  {
    country: 'FR',
    form: 'SARL',
    cities: ['Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Lille'],
    streets: ['rue de la Paix', 'avenue Jean Jaurès', 'boulevard Voltaire', 'rue du Marché'],
    postCode: (r) => `${pick(r, ['75', '69', '13', '33', '59'])}0${digits(r, 2)}`,
    phone: (r) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  },
  {
    country: 'DE',
    form: 'GmbH',
    cities: ['München', 'Berlin', 'Köln', 'Hamburg', 'Düsseldorf'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Gartenweg'],
    postCode: (r) => digits(r, 5),
    phone: (r) => `+49 30 ${digits(r, 7)}`,
  },
  {
    country: 'IE',
    form: 'Ltd',
    cities: ['Dublin', 'Cork', 'Galway', 'Limerick'],
    streets: ['Main Street', 'Harbour Road', "St Stephen's Green", 'Quay Street'],
    postCode: (r) => `D${digits(r, 2)} ${letter(r)}${digits(r, 1)}${letter(r)}${digits(r, 1)}`,
    phone: (r) => `+353 1 ${digits(r, 3)} ${digits(r, 4)}`,
  },
  {
    country: 'IT',
    form: 'Srl',
    cities: ['Milano', 'Roma', 'Torino', 'Bologna'],
    streets: ['Via Roma', 'Corso Italia', 'Via Garibaldi', 'Piazza Duomo'],
    postCode: (r) => `${pick(r, ['20', '00', '10', '40'])}1${digits(r, 2)}`,
    phone: (r) => `+39 02 ${digits(r, 4)} ${digits(r, 4)}`,
  },
  {
    country: 'DK',
    form: 'ApS',
    cities: ['København', 'Aarhus', 'Odense'],
    streets: ['Strøget', 'Nørregade', 'Vestergade'],
    postCode: (r) => `${1 + Math.floor(r() * 8)}${digits(r, 3)}`,
    phone: (r) => `+45 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  },
  {
    country: 'IN',
    form: 'Pvt Ltd',
    cities: ['Mumbai', 'Bengaluru', 'Pune'],
    streets: ['MG Road', 'Linking Road', 'Residency Road'],
    postCode: (r) => `4${digits(r, 5)}`,
    phone: (r) => `+91 22 ${digits(r, 4)} ${digits(r, 4)}`,
    states: ['Maharashtra', 'Karnataka', 'Maharashtra'],
  },
  {
    country: 'US',
    form: 'LLC',
    cities: ['New York', 'Austin', 'Chicago', 'Seattle'],
    streets: ['Main St', 'Broadway', 'Oak Avenue', 'Market Street'],
    postCode: (r) => digits(r, 5),
    // 555-01xx: reserved for fiction.
    phone: (r) => `+1 212 555 01${digits(r, 2)}`,
    states: ['NY', 'TX', 'IL', 'WA'],
  },
];

/** Contact types, weighted: Directors and nominated recipients most, a few aliases and None. */
const TYPES = [1, 1, 1, 1, 3, 3, 3, 2, 2, 0] as const;
/** AML statuses, weighted: mostly Clear, some not started or pending, a few matches and errors. */
const AML = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 6, 6, 3, 4, 5] as const;

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** `YYYY-MM-DDTHH:mm:ss`, no offset: how a client sends dates (the space's local time). */
const localTime = (ms: number) => nexudusTime(ms).slice(0, 19);

/**
 * `count` contract contacts for a large account (option `extraContacts`), Ids `firstId`,
 * `firstId + 1`, …: the same `seed`, `count` and contracts give the same contacts on every run
 * and machine (a seeded PRNG, no clock). Each goes to a contract that had started by its
 * CreatedOn, chosen at random among them; its FullName is unique within its contract (so the
 * importer's duplicate key finds one contact per row), with a number added only once a
 * contract holds more than the names can spell (about 97,000 people).
 */
export function extraContacts(
  count: number,
  seed: number,
  contracts: readonly CoworkerContractRecord[],
  firstId: number,
): ContractContactRecord[] {
  const r = mulberry32(seed);
  const byStart = [...contracts].sort((a, b) => Date.parse(a.StartDate) - Date.parse(b.StartDate));
  const starts = byStart.map((c) => Date.parse(c.StartDate));
  const used = new Map<number, Set<string>>();
  const step = count > 0 ? (SPAN_END - SPAN_START) / count : 0;
  const records: ContractContactRecord[] = [];
  let open = 0;
  for (let i = 0; i < count; i++) {
    const created = Math.floor(SPAN_START + i * step + r() * step);
    while (open < starts.length && starts[open]! <= created) open++;
    const contract = byStart[Math.floor(r() * Math.max(open, 1))]!;
    let names = used.get(contract.Id);
    if (!names) used.set(contract.Id, (names = new Set()));
    const type = pick(r, TYPES);
    const place = pick(r, PLACES);
    const { full: FullName, first, last } = uniqueName(names, r, type === 2, place);
    const updated = r() < 0.6 ? created : created + Math.floor(r() * (SPAN_END - created));
    const aml = pick(r, AML);
    const Id = firstId + i;
    const record: ContractContactRecord = {
      Id,
      CoworkerContractId: contract.Id,
      FullName,
      ContractContactType: type,
      AmlCheckStatus: aml,
      CreatedOn: nexudusTime(created),
      UpdatedOn: nexudusTime(updated),
      UpdatedBy: r() < 0.7 ? TEAM_MEMBER : 'accounts@sandbox.test',
      UniqueId: stableUuid(`contractcontact:${Id}`),
    };
    if (r() < 0.75) {
      record.Email =
        type === 2
          ? `post@${ascii(last)}.example.com`
          : `${ascii(first)}.${ascii(last)}@${pick(r, ['example.com', 'example.org', 'example.net'])}`;
    }
    if (type !== 2 && r() < 0.6) {
      const born = Date.parse('1945-01-01T00:00:00Z') + Math.floor(r() * 58 * 365) * DAY;
      record.DateOfBirth = `${nexudusTime(born).slice(0, 10)}T00:00:00`;
    }
    if (r() < 0.5) {
      record.Address = `${1 + Math.floor(r() * 180)} ${pick(r, place.streets)}`;
      record.PostCode = place.postCode(r);
      const city = Math.floor(r() * place.cities.length);
      record.CityName = place.cities[city];
      if (place.states) record.State = place.states[city];
      record.CountryId = countryByCode(place.country).Id;
    }
    if (r() < 0.6) record.PhoneNumber = place.phone(r);
    if (r() < 0.1) record.Notes = pick(r, NOTES);
    if (aml !== 0) {
      record.AmlCheckDate = localTime(created + Math.floor(r() * (updated - created + 1)));
      if (r() < 0.4) record.AmlOpenSanctionsScore = Math.round(r() * 100) / 100;
    }
    if (aml === 3 || aml === 4) record.AmlNotes = pick(r, AML_NOTES);
    if (aml === 6) {
      record.AmlClearedBy = TEAM_MEMBER;
      record.AmlClearedOn = localTime(updated);
    }
    records.push(record);
  }
  return records;
}

interface Name {
  readonly full: string;
  readonly first: string;
  readonly last: string;
}

/** A person's or company's name not yet used on this contract. */
function uniqueName(used: Set<string>, r: () => number, company: boolean, place: Place): Name {
  const spell = (attempt: number): Name => {
    const first = pick(r, FIRST_NAMES);
    const last = pick(r, LAST_NAMES);
    if (company) return { full: `${last} ${pick(r, TRADES)} ${place.form}`, first, last };
    // A middle initial now and then, and always once the plain names run short.
    const full = attempt > 1 || r() < 0.2 ? `${first} ${letter(r)}. ${last}` : `${first} ${last}`;
    return { full, first, last };
  };
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = spell(attempt);
    if (!used.has(name.full)) {
      used.add(name.full);
      return name;
    }
  }
  const name = spell(8);
  let n = 2;
  while (used.has(`${name.full} ${n}`)) n++;
  used.add(`${name.full} ${n}`);
  return { ...name, full: `${name.full} ${n}` };
}
