//! A line per series over the periods: EV share and hybrid score, or the
//! average consumption. The line breaks at a period without a value; each
//! series has its own marker shape and dash, so it is told apart without
//! its colour.

use leptos::prelude::*;

use super::{Bands, Chart, ChartData, YScale};

/// The SVG path of `values`: a run of lines, broken at every missing value.
pub fn line_path(values: &[Option<f64>], bands: Bands, scale: YScale) -> String {
    let mut path = String::new();
    let mut drawing = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let command = if drawing { 'L' } else { 'M' };
                path.push_str(&format!(
                    "{command}{:.1} {:.1} ",
                    bands.centre(i),
                    scale.y(*v)
                ));
                drawing = true;
            }
            None => drawing = false,
        }
    }
    path.trim_end().to_owned()
}

/// The marker of series number `k` at (`x`, `y`): a circle, a square, a
/// diamond.
fn marker(k: usize, colour: &'static str, x: f64, y: f64) -> AnyView {
    match k % 3 {
        0 => view! { <circle cx=x cy=y r="4" fill=colour stroke="#fff" /> }.into_any(),
        1 => view! { <rect x=x - 4.0 y=y - 4.0 width="8" height="8" fill=colour stroke="#fff" /> }
            .into_any(),
        _ => view! {
            <path d=format!("M{x:.1} {:.1}l5 5l-5 5l-5 -5z", y - 5.0) fill=colour stroke="#fff" />
        }
        .into_any(),
    }
}

/// The second series is dashed.
fn dash(k: usize) -> Option<&'static str> {
    (k % 2 == 1).then_some("6 3")
}

fn key(_: &'static str, k: usize, colour: &'static str) -> AnyView {
    view! {
        <line x1="0" x2="24" y1="6" y2="6" stroke=colour stroke-width="2.5" stroke-dasharray=dash(k) />
        {marker(k, colour, 12.0, 6.0)}
    }
    .into_any()
}

fn marks(data: &ChartData, scale: YScale, bands: Bands, i: usize) -> AnyView {
    data.series
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            s.values
                .get(i)
                .copied()
                .flatten()
                .map(|v| marker(k, s.colour, bands.centre(i), scale.y(v)))
        })
        .collect_view()
        .into_any()
}

/// `max`: the top of the scale (100 for percentages), else a round number
/// above the largest value.
#[component]
pub fn TrendChart(data: ChartData, #[prop(optional)] max: Option<f64>) -> impl IntoView {
    let scale = max.map_or_else(|| YScale::nice(data.max()), |max| YScale { max });
    let bands = Bands {
        count: data.labels.len(),
    };
    let lines = data
        .series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            view! {
                <path d=line_path(&s.values, bands, scale) fill="none" stroke=s.colour
                    stroke-width="2.5" stroke-linejoin="round" stroke-dasharray=dash(k) />
            }
        })
        .collect_view()
        .into_any();
    view! { <Chart data scale marks key under=lines /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_without_value_breaks_the_line() {
        let bands = Bands { count: 4 };
        let scale = YScale { max: 100.0 };
        let path = line_path(&[Some(50.0), Some(100.0), None, Some(0.0)], bands, scale);
        let moves = path.matches('M').count();
        assert_eq!(moves, 2, "{path}");
        assert_eq!(path.matches('L').count(), 1, "{path}");
        // The gap is not drawn as a zero: the period after it starts anew.
        assert!(path.contains(&format!("M{:.1} {:.1}", bands.centre(3), scale.y(0.0))));
        assert!(!path.contains(&format!("{:.1} ", bands.centre(2))));
        assert_eq!(line_path(&[None, None], bands, scale), "");
    }
}
