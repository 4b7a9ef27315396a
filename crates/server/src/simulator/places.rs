//! Real places in Belgium and the Netherlands (approximate coordinates), and
//! the plug-in hybrid's holiday destinations on the way to and in Monaco,
//! whose streets are in the offline demo map (docs/maps.md).

use crate::geo::distance_km;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Home,
    Work,
    Shop,
    Trip,
    /// Only on the plug-in hybrid's holiday ([`HOLIDAY`]).
    Holiday,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimPlace {
    pub label: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub kind: Kind,
    /// Where the car parks for this place (on a street of the demo map):
    /// latitude, longitude, address. `None`: somewhere near.
    pub parking: Option<(f64, f64, &'static str)>,
}

impl SimPlace {
    pub fn coords(&self) -> (f64, f64) {
        (self.lat, self.lon)
    }
}

const fn place(label: &'static str, lat: f64, lon: f64, kind: Kind) -> SimPlace {
    SimPlace {
        label,
        lat,
        lon,
        kind,
        parking: None,
    }
}

const fn holiday(
    label: &'static str,
    lat: f64,
    lon: f64,
    parking: Option<(f64, f64, &'static str)>,
) -> SimPlace {
    SimPlace {
        label,
        lat,
        lon,
        kind: Kind::Holiday,
        parking,
    }
}

/// The plug-in hybrid's holiday, in the order it is driven: a night in
/// Dijon, a hotel in Monaco, a morning at the Jardin Exotique, and last the
/// casino, parked a short walk away (about 420 m on foot), so that find my
/// car (D1) and car to door (D2) show real streets and routes offline.
pub const HOLIDAY: [usize; 4] = [
    PLACES.len() - 4,
    PLACES.len() - 3,
    PLACES.len() - 2,
    PLACES.len() - 1,
];

/// Indexes 0-4 are homes and workplaces used by the fleet.
pub const PLACES: &[SimPlace] = &[
    place(
        "Hanswijkvaart 12, 2800 Mechelen",
        51.0196,
        4.4856,
        Kind::Home,
    ),
    place(
        "Kattendijkdok-Westkaai 20, 2000 Antwerpen",
        51.2313,
        4.4044,
        Kind::Work,
    ),
    place("Louizalaan 149, 1050 Brussel", 50.8310, 4.3600, Kind::Work),
    place("Naamsestraat 80, 3000 Leuven", 50.8737, 4.7005, Kind::Home),
    place("Kouterdreef 1, 9000 Gent", 51.0446, 3.7263, Kind::Work),
    place(
        "Colruyt, Liersesteenweg 233, 2800 Mechelen",
        51.0369,
        4.4988,
        Kind::Shop,
    ),
    place(
        "Delhaize, Leuvensesteenweg 30, 2800 Mechelen",
        51.0143,
        4.4920,
        Kind::Shop,
    ),
    place(
        "IKEA, Boomsesteenweg 984, 2610 Wilrijk",
        51.1653,
        4.3769,
        Kind::Shop,
    ),
    place(
        "Carrefour, Brusselsesteenweg 510, 3090 Overijse",
        50.7829,
        4.5280,
        Kind::Shop,
    ),
    place(
        "Albert Heijn, Diestsestraat 150, 3000 Leuven",
        50.8822,
        4.7120,
        Kind::Shop,
    ),
    place("Grote Markt, 4811 Breda", 51.5887, 4.7760, Kind::Trip),
    place(
        "Jaarbeursplein 6, 3521 Utrecht",
        52.0890,
        5.1101,
        Kind::Trip,
    ),
    place("Korenmarkt, 9000 Gent", 51.0543, 3.7210, Kind::Trip),
    place("Zeedijk 150, 8400 Oostende", 51.2320, 2.9140, Kind::Trip),
    // The holiday (HOLIDAY): last, in driving order.
    holiday("Place de la Libération, 21000 Dijon", 47.3215, 5.0415, None),
    holiday(
        "Hôtel Hermitage, Square Beaumarchais, 98000 Monaco",
        43.7385,
        7.4250,
        Some((43.739437, 7.426128, "Square Beaumarchais, 98000 Monaco")),
    ),
    holiday(
        "Jardin Exotique, 62 Boulevard du Jardin Exotique, 98000 Monaco",
        43.7312,
        7.4137,
        Some((
            43.731308,
            7.413483,
            "Boulevard du Jardin Exotique, 98000 Monaco",
        )),
    ),
    holiday(
        "Casino de Monte-Carlo, Place du Casino, 98000 Monaco",
        43.7393,
        7.4277,
        Some((43.741729, 7.424778, "Avenue Camille Blanc, 98000 Monaco")),
    ),
];

/// Below this latitude a place is in the south (the holiday).
const SOUTH: f64 = 48.5;

/// Motorway points from Belgium to Monaco, north to south (E411, A31, A6,
/// A7, A8).
const SOUTH_CORRIDOR: [(f64, f64); 10] = [
    (50.4700, 4.8700), // Namur
    (49.6100, 6.1300), // Luxembourg
    (48.6900, 6.1800), // Nancy
    (47.8600, 5.3300), // Langres
    (47.3215, 5.0415), // Dijon
    (45.7600, 4.8400), // Lyon
    (44.9300, 4.8900), // Valence
    (43.5300, 5.4500), // Aix-en-Provence
    (43.4600, 6.5600), // Le Muy
    (43.7000, 7.2000), // Nice
];

/// Motorway points between two places, so long routes follow the roads
/// (E19 north to Breda and Utrecht, E40 west to Gent and the coast, the
/// corridor to the south of France).
pub fn hubs(from: &SimPlace, to: &SimPlace) -> Vec<(f64, f64)> {
    const ANTWERP_RING: (f64, f64) = (51.1870, 4.4420);
    const KLEINE_BAREND: (f64, f64) = (51.3460, 4.5980); // E19 near Brecht
    const BREDA_SOUTH: (f64, f64) = (51.5600, 4.7600);
    const GORINCHEM: (f64, f64) = (51.8400, 4.9800);
    const BRUSSELS_RING: (f64, f64) = (50.8890, 4.3600);
    const AALST: (f64, f64) = (50.9530, 4.0400);
    const BRUGGE: (f64, f64) = (51.1900, 3.2200);
    let north = |p: &SimPlace| p.lat > 51.5;
    let west = |p: &SimPlace| p.lon < 4.0;
    let mut out = Vec::new();
    if from.lat < SOUTH || to.lat < SOUTH {
        // Towards, from or in the south of France: the corridor's points
        // between the ones nearest to each end, in driving order, leaving
        // out those at either end.
        let nearest = |p: &SimPlace| {
            (0..SOUTH_CORRIDOR.len())
                .min_by(|&i, &j| {
                    distance_km(SOUTH_CORRIDOR[i], p.coords())
                        .total_cmp(&distance_km(SOUTH_CORRIDOR[j], p.coords()))
                })
                .unwrap_or(0)
        };
        let (a, b) = (nearest(from), nearest(to));
        let order: Vec<usize> = if a <= b {
            (a..=b).collect()
        } else {
            (b..=a).rev().collect()
        };
        return order
            .into_iter()
            .map(|i| SOUTH_CORRIDOR[i])
            .filter(|&p| distance_km(p, from.coords()) > 20.0 && distance_km(p, to.coords()) > 20.0)
            .collect();
    }
    match (north(from), north(to)) {
        (false, true) => {
            out.extend([ANTWERP_RING, KLEINE_BAREND, BREDA_SOUTH]);
            if to.lat > 51.8 {
                out.push(GORINCHEM);
            }
        }
        (true, false) => {
            if from.lat > 51.8 {
                out.push(GORINCHEM);
            }
            out.extend([BREDA_SOUTH, KLEINE_BAREND, ANTWERP_RING]);
        }
        _ => {}
    }
    match (west(from), west(to)) {
        (false, true) => {
            out.extend([BRUSSELS_RING, AALST]);
            if to.lon < 3.5 {
                out.push(BRUGGE);
            }
        }
        (true, false) => {
            if from.lon < 3.5 {
                out.push(BRUGGE);
            }
            out.extend([AALST, BRUSSELS_RING]);
        }
        _ => {}
    }
    out
}
