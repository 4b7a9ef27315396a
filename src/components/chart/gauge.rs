//! A score gauge: a half circle from 0 (left) to 100 (right), filled up to
//! the score, with the score written in its middle. The number is the
//! value, so the gauge needs no tooltip; what it is compared with is said
//! in the figures beside it.

use leptos::prelude::*;

const CX: f64 = 100.0;
const CY: f64 = 100.0;
const R: f64 = 80.0;

/// The point of the arc at `score` (0-100, clamped): 0 is left, 50 the
/// top, 100 right.
pub fn arc_point(score: f64) -> (f64, f64) {
    let angle = std::f64::consts::PI * (1.0 - score.clamp(0.0, 100.0) / 100.0);
    (CX + R * angle.cos(), CY - R * angle.sin())
}

/// The arc from 0 to `score`; empty for a score of 0.
pub fn arc_path(score: f64) -> String {
    if score <= 0.0 {
        return String::new();
    }
    let (x0, y0) = arc_point(0.0);
    let (x1, y1) = arc_point(score);
    // Never more than half a circle: the short way round is the right one.
    format!("M{x0:.2} {y0:.2}A{R} {R} 0 0 1 {x1:.2} {y1:.2}")
}

/// `value` out of 100 (`None`: nothing to score), named `title`, with
/// `desc` for screen readers; `label` under it ("This month").
#[component]
pub fn Gauge(
    id: &'static str,
    title: String,
    desc: String,
    label: &'static str,
    value: Option<u8>,
    /// Shown in the middle without a value.
    empty: &'static str,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let (labelled_by, described_by) = (title_id.clone(), desc_id.clone());
    let score = value.map(f64::from);
    view! {
        <figure>
            <svg viewBox="0 0 200 120" width="100%" role="img"
                aria-labelledby=labelled_by aria-describedby=described_by>
                <title id=title_id>{title}</title>
                <desc id=desc_id>{desc}</desc>
                <path d=arc_path(100.0) fill="none" stroke="#d9d6cf" stroke-width="16" />
                {score.map(|s| view! { <path d=arc_path(s) fill="none" stroke="#7a5a2a" stroke-width="16" /> })}
                <text x=CX y=CY - 8.0 text-anchor="middle" fill="#1a1a1a" font-size="36">
                    {value.map_or(empty.to_owned(), |v| v.to_string())}
                </text>
                <text x=arc_point(0.0).0 y=CY + 16.0 text-anchor="middle" fill="#595959" font-size="12">"0"</text>
                <text x=arc_point(100.0).0 y=CY + 16.0 text-anchor="middle" fill="#595959" font-size="12">"100"</text>
            </svg>
            <figcaption>{label}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn the_arc_runs_from_left_over_the_top_to_right() {
        assert!(close(arc_point(0.0), (CX - R, CY)));
        assert!(close(arc_point(50.0), (CX, CY - R)));
        assert!(close(arc_point(100.0), (CX + R, CY)));
        assert!(close(arc_point(140.0), arc_point(100.0)), "clamped");
        assert_eq!(arc_path(0.0), "");
        assert!(arc_path(75.0).starts_with("M20.00 100.00A80 80 0 0 1 "));
    }
}
