//! A stacked bar per period: the distance split electric / eco / power /
//! other. A period without trips has no bar (a gap, not a zero). The
//! segments are stacked in the legend's order from the bottom up, set apart
//! by a white line, and the power and other segments carry a pattern, so
//! they are told apart without their colour.

use leptos::prelude::*;

use super::{Bands, Chart, ChartData, YScale};

/// One segment of a bar: its top and its height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub y: f64,
    pub height: f64,
}

/// The segments of period `i`, bottom up, one per series (height 0 for a
/// series without value); `None` when no series has a value there.
pub fn stack(series: &[Vec<Option<f64>>], i: usize, scale: YScale) -> Option<Vec<Segment>> {
    let values: Vec<Option<f64>> = series.iter().map(|s| s.get(i).copied().flatten()).collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let mut below = 0.0;
    Some(
        values
            .into_iter()
            .map(|v| {
                let v = v.unwrap_or(0.0).max(0.0);
                let bottom = scale.y(below);
                below += v;
                let top = scale.y(below);
                Segment {
                    y: top,
                    height: bottom - top,
                }
            })
            .collect(),
    )
}

fn marks(data: &ChartData, scale: YScale, bands: Bands, i: usize) -> AnyView {
    let values: Vec<Vec<Option<f64>>> = data.series.iter().map(|s| s.values.clone()).collect();
    let Some(segments) = stack(&values, i, scale) else {
        return ().into_any();
    };
    // A bar of 60 % of its band, at least 2 units.
    let width = (bands.width() * 0.6).max(2.0);
    let x = bands.centre(i) - width / 2.0;
    let id = data.id;
    segments
        .into_iter()
        .zip(&data.series)
        .enumerate()
        .filter(|(_, (s, _))| s.height > 0.0)
        .map(|(k, (s, series))| {
            let pattern = pattern(id, k);
            view! {
                <rect x=x y=s.y width=width height=s.height fill=series.colour stroke="#fff" />
                {pattern.map(|fill| view! {
                    <rect x=x y=s.y width=width height=s.height fill=fill />
                })}
            }
        })
        .collect_view()
        .into_any()
}

/// The third and fourth segments are hatched and dotted.
fn pattern(id: &str, k: usize) -> Option<String> {
    match k {
        2 => Some(format!("url(#{id}-hatch)")),
        3 => Some(format!("url(#{id}-dots)")),
        _ => None,
    }
}

fn key(id: &'static str, k: usize, colour: &'static str) -> AnyView {
    view! {
        <rect x="0" y="0" width="24" height="12" fill=colour />
        {pattern(id, k).map(|fill| view! {
            <rect x="0" y="0" width="24" height="12" fill=fill />
        })}
    }
    .into_any()
}

/// The bars of `data`, on a scale up to a round number above the highest
/// total.
#[component]
pub fn StackedBarChart(data: ChartData, total_column: &'static str) -> impl IntoView {
    let highest = (0..data.labels.len())
        .map(|i| {
            data.series
                .iter()
                .filter_map(|s| s.values.get(i).copied().flatten())
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    let scale = YScale::nice(highest);
    view! { <Chart data scale marks key total_column /> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::PLOT_BOTTOM;

    #[test]
    fn the_segments_add_up_to_the_total() {
        let scale = YScale { max: 100.0 };
        let series = vec![
            vec![Some(30.0), None],
            vec![Some(20.0), None],
            vec![Some(5.0), None],
            vec![Some(45.0), None],
        ];
        let segments = stack(&series, 0, scale).unwrap();
        assert_eq!(segments.len(), 4);
        let sum: f64 = segments.iter().map(|s| s.height).sum();
        assert!((sum - scale.height(100.0)).abs() < 1e-9);
        // Bottom up, each on the one below it.
        assert_eq!(segments[0].y + segments[0].height, PLOT_BOTTOM);
        for pair in segments.windows(2) {
            assert!((pair[1].y + pair[1].height - pair[0].y).abs() < 1e-9);
        }
        assert!((segments[0].height - scale.height(30.0)).abs() < 1e-9);
    }

    #[test]
    fn a_period_without_trips_is_a_gap_not_a_zero() {
        let scale = YScale { max: 10.0 };
        let series = vec![vec![None, Some(0.0)], vec![None, Some(4.0)]];
        assert_eq!(stack(&series, 0, scale), None);
        let zero_ev = stack(&series, 1, scale).unwrap();
        assert_eq!(zero_ev[0].height, 0.0);
        assert!((zero_ev[1].height - scale.height(4.0)).abs() < 1e-9);
        assert_eq!(stack(&series, 5, scale), None, "beyond the data");
    }
}
