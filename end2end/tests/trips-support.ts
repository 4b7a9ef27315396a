import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { addVehicleAs, expect, provisionVehicle, signedInPerson, type TestVehicle } from './support';

// The trips a car sends for the trips journeys (E1-E3), through the ingest
// API; a user sees only the trips driven since they got the car, so each
// journey first backdates that moment in the test database (a browser test
// cannot wait months).

export const DAY = 86_400_000;
/** The trips of `ownerWithTrips` by default: one a day for two months. */
export const TRIPS = 60;

/** Trip `i` (1 = the newest) of `count`, started `i * every` days ago at 07:00 UTC. */
export function trip(i: number, count = TRIPS, every = 1) {
  const start = new Date(Date.now() - i * every * DAY);
  start.setUTCHours(7, 0, 0, 0);
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
  const km = 20 + (i % 7);
  const odometer = 20_000 + (count - i) * 40;
  const route = i === 1
    ? [
      { at: at(0), lat: 51.0259, lon: 4.4776, mode: 'ev' },
      { at: at(10), lat: 51.0502, lon: 4.4410, mode: 'eco' },
      { at: at(20), lat: 51.1100, lon: 4.4200, mode: 'power' },
      { at: at(30), lat: 51.2194, lon: 4.4025 },
    ]
    : [];
  return {
    message_id: `e2e-trip-${i}`,
    recorded_at: at(31),
    trip: {
      started_at: at(0),
      ended_at: at(30),
      start: { lat: 51.0259, lon: 4.4776, label: 'Kerkhofweg 1, 2800 Mechelen' },
      end: { lat: 51.2194, lon: 4.4025, label: 'Groenplaats 5, 2000 Antwerpen' },
      distance_km: km,
      fuel_used_l: 1.2,
      ev_distance_km: 8,
      ev_time_s: 600,
      eco_distance_km: 9,
      power_distance_km: 2,
      odometer_start_km: odometer,
      odometer_end_km: odometer + km,
      hybrid_score: 60 + (i % 30),
      score_acceleration: 70,
      score_braking: i === 1 ? 40 : 75,
      score_constant_speed: 80,
      events: i === 1 ? [{ at: at(15), kind: 'harsh_braking', lat: 51.0800, lon: 4.4300 }] : [],
      route,
    },
  };
}

/** Backdates when the owner got `vin`: the trips before that are not theirs. */
export function ownedSince(vin: string, days: number) {
  const db = path.join(process.env.E2E_DB_DIR!, 'e2e.db');
  const since = Math.floor((Date.now() - days * DAY) / 1000);
  execFileSync('python3', ['-c', [
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1], timeout=10)',
    'c.execute("UPDATE vehicle_users SET since = ? WHERE vehicle_id = (SELECT id FROM vehicles WHERE vin = ?)", (int(sys.argv[2]), sys.argv[3]))',
    'c.commit()',
  ].join('\n'), db, String(since), vin]);
}

/** An owner with `count` trips, one every `every` days (by default two
 * months of daily trips), on the trips page. */
export async function ownerWithTrips(
  page: Page,
  request: APIRequestContext,
  tag: string,
  { count = TRIPS, every = 1 } = {},
): Promise<TestVehicle> {
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', powertrain: 'plug_in_hybrid' });
  await signedInPerson(page, request, tag);
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  ownedSince(car.vin, count * every + 30);
  const messages = Array.from({ length: count }, (_, k) => trip(count - k, count, every));
  const res = await request.post(`/api/ingest/vehicles/${car.vin}/messages`, {
    headers: { authorization: `Bearer ${car.ingestKey}` },
    data: { messages },
  });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto('/trips');
  await expect(page.getByRole('heading', { level: 1, name: 'Ritten' })).toBeVisible();
  return car;
}

