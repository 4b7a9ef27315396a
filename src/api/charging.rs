//! Public charge points (D4): near a place, or near the car's last parked
//! position (which the server uses and never sends).

use mijn_lexus_contract::charging::{ChargePointList, ConnectorStandard};
use mijn_lexus_contract::routes;

use super::{get, path_segment, ApiResult};

/// What the charge points must offer (the server's `ChargePointQuery`
/// without the origin).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChargeFilter {
    pub standard: Option<ConnectorStandard>,
    /// At least this power, kW.
    pub min_power_kw: Option<u32>,
    /// Only charge points with an EVSE free now.
    pub available: bool,
}

impl ChargeFilter {
    /// The filter's query parameters, each as `name=value`.
    fn params(&self) -> Vec<String> {
        let mut params = Vec::new();
        if let Some(s) = self.standard {
            params.push(format!("standard={}", s.code()));
        }
        if let Some(kw) = self.min_power_kw {
            params.push(format!("min_power_kw={kw}"));
        }
        if self.available {
            params.push("available=true".to_owned());
        }
        params
    }
}

/// `path?a=1&b=2`, or `path` without parameters.
fn with_query(path: String, params: Vec<String>) -> String {
    if params.is_empty() {
        path
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

pub async fn near_place(lat: f64, lon: f64, filter: &ChargeFilter) -> ApiResult<ChargePointList> {
    let mut params = vec![format!("lat={lat}"), format!("lon={lon}")];
    params.extend(filter.params());
    get(&with_query(routes::CHARGE_POINTS.to_owned(), params)).await
}

pub async fn near_vehicle(vin: &str, filter: &ChargeFilter) -> ApiResult<ChargePointList> {
    let path = routes::vehicle_charge_points(&path_segment(vin));
    get(&with_query(path, filter.params())).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_carries_only_the_chosen_filters() {
        let none = ChargeFilter::default();
        assert_eq!(with_query("/x".into(), none.params()), "/x");
        let all = ChargeFilter {
            standard: Some(ConnectorStandard::Type2Combo),
            min_power_kw: Some(50),
            available: true,
        };
        assert_eq!(
            with_query("/x".into(), all.params()),
            "/x?standard=IEC_62196_T2_COMBO&min_power_kw=50&available=true"
        );
    }
}
