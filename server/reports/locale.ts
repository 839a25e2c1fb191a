import { WINDOWS_TO_IANA_MAP } from 'windows-iana';

/**
 * How a report prints dates and the time it was made, for the organisation it is about: dates in the
 * locale of its country (en-AU, en-NZ, en-GB, en-US, …), and the time in its own timezone, which Xero
 * names as a Windows zone in capitals (AUSEASTERNSTANDARDTIME); windows-iana maps that to an IANA zone.
 */
export type ReportLocale = { locale: string; timeZone: string };

const ENGLISH = new Set(['AU', 'NZ', 'GB', 'US', 'CA', 'IE', 'ZA', 'SG', 'HK', 'IN', 'MY', 'PH', 'FJ', 'PG', 'WS', 'TO']);
/** Where Xero gives no timezone: the zone most of the country's organisations keep. */
const COUNTRY_ZONE: Record<string, string> = {
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  GB: 'Europe/London',
  US: 'America/New_York',
  CA: 'America/Toronto',
  IE: 'Europe/Dublin',
  ZA: 'Africa/Johannesburg',
  SG: 'Asia/Singapore',
};

let zones: Map<string, string> | null = null;

/** Xero's zone name (capitals, no spaces) → IANA zone, from the Windows names' default territory. */
function zoneOf(xeroName: string): string | undefined {
  if (!zones) {
    zones = new Map();
    for (const z of WINDOWS_TO_IANA_MAP) {
      const key = z.windowsName.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
      if (z.territory === '001' && z.iana[0] && !zones.has(key)) zones.set(key, z.iana[0]);
    }
  }
  return zones.get(xeroName.replace(/[^A-Za-z0-9]/g, '').toUpperCase());
}

export function reportLocale(o: { countryCode: string | null; timezone: string | null }): ReportLocale {
  const country = (o.countryCode ?? '').toUpperCase();
  const locale = ENGLISH.has(country) ? `en-${country}` : 'en-GB';
  const timeZone = (o.timezone ? zoneOf(o.timezone) : undefined) ?? COUNTRY_ZONE[country] ?? 'UTC';
  return { locale, timeZone };
}

/** A yyyy-mm-dd date as the organisation's country writes it, with the month named so no reader takes 3/4 for 4/3: "31 Oct 2026" (en-AU), "Oct 31, 2026" (en-US). */
export function localDate(date: string, l: ReportLocale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(l.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant in the organisation's timezone, with the zone's short name: "28 Nov 2026, 10:46 am AEDT". */
export function localTime(instant: string, l: ReportLocale): string {
  return new Intl.DateTimeFormat(l.locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: l.timeZone,
    timeZoneName: 'short',
  }).format(new Date(instant));
}
