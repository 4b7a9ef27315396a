//! Real places in Belgium and the Netherlands (approximate coordinates).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Home,
    Work,
    Shop,
    Trip,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimPlace {
    pub label: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub kind: Kind,
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
    }
}

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
];

/// Motorway points between two places, so long routes follow the roads
/// (E19 north to Breda and Utrecht, E40 west to Gent and the coast).
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
