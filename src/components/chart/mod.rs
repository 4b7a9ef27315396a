//! Hand-written SVG charts (E3): a line/trend, a stacked bar and a score
//! gauge. `leptos-chartistry` was measured at about 500 KB of wasm and has
//! no accessibility attributes; these are a few hundred lines and draw:
//!
//! - a name and a description for screen readers (`<title>`, `<desc>`);
//! - one focusable target per period (a column the height of the plot)
//!   whose `aria-label` says the period and its values, and a tooltip with
//!   the same words on hover and on keyboard focus;
//! - a legend in words, and the values as a table behind a toggle;
//! - no inline style: the CSP allows none, so positions and paint are SVG
//!   attributes, and what is shown (the tooltip, the focus) CSS classes
//!   (style/trips.css). Paint in attributes keeps it in the trips chunk:
//!   every rule of the one style sheet costs the sign-in page.
//!
//! The drawing is 400 × 220 viewBox units and as wide as its box, so it
//! works from 360 px up. A period without a value (no trips) is a gap, never
//! a zero.
//!
//! The charts live in the trips area's chunk and use its texts.

pub mod gauge;
pub mod stacked_bar;
pub mod trend;

use leptos::prelude::*;

use crate::components::table::{DataTable, Paging};
use crate::format::number;
use crate::i18n::t;

/// The drawing's size, in viewBox units.
pub const WIDTH: f64 = 400.0;
pub const HEIGHT: f64 = 220.0;
/// The plot inside it: room for the y axis labels left, the x labels below.
pub const PLOT_LEFT: f64 = 44.0;
pub const PLOT_RIGHT: f64 = WIDTH - 8.0;
pub const PLOT_TOP: f64 = 12.0;
pub const PLOT_BOTTOM: f64 = HEIGHT - 26.0;
/// The portal's colours (style/main.css) the drawing uses.
const INK: &str = "#1a1a1a";
const INK_SOFT: &str = "#595959";
const LINE: &str = "#d9d6cf";
const LINE_STRONG: &str = "#8a8780";

/// Average width of a character of the 12-unit chart font, for the tooltip.
const CHAR_WIDTH: f64 = 6.6;
const LINE_HEIGHT: f64 = 16.0;

/// A vertical scale: 0..=`max` from the plot's bottom to its top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YScale {
    pub max: f64,
}

impl YScale {
    /// A scale up to a round number at or above `max` (1, 2, 2.5 or 5 × 10ⁿ),
    /// so the four grid lines fall on round values.
    pub fn nice(max: f64) -> YScale {
        if max.is_nan() || max <= 0.0 {
            return YScale { max: 1.0 };
        }
        let power = 10f64.powf(max.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|s| s * power)
            .find(|s| *s >= max - 1e-9)
            .unwrap_or(10.0 * power);
        YScale { max: step }
    }

    /// The y coordinate of `value` (clamped to the scale).
    pub fn y(&self, value: f64) -> f64 {
        let v = value.clamp(0.0, self.max);
        PLOT_BOTTOM - v / self.max * (PLOT_BOTTOM - PLOT_TOP)
    }

    /// The height a bar of `value` takes.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn height(&self, value: f64) -> f64 {
        PLOT_BOTTOM - self.y(value)
    }

    /// The grid lines: 0, a quarter, … up to the top.
    pub fn ticks(&self) -> [f64; 5] {
        [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| f * self.max)
    }
}

/// The x axis: one band (slot) per period, left to right.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands {
    pub count: usize,
}

impl Bands {
    pub fn width(&self) -> f64 {
        (PLOT_RIGHT - PLOT_LEFT) / self.count.max(1) as f64
    }

    pub fn start(&self, i: usize) -> f64 {
        PLOT_LEFT + i as f64 * self.width()
    }

    pub fn centre(&self, i: usize) -> f64 {
        self.start(i) + self.width() / 2.0
    }

    /// Label every `step`-th period so the labels (about 30 units each) fit.
    pub fn label_step(&self) -> usize {
        let fit = ((PLOT_RIGHT - PLOT_LEFT) / 30.0).floor().max(1.0) as usize;
        self.count.div_ceil(fit).max(1)
    }
}

/// One series of values per period; `None` is a period without a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: &'static str,
    /// Its colour (3:1 or more against white); its shape or pattern comes
    /// from its place among the series.
    pub colour: &'static str,
    pub values: Vec<Option<f64>>,
}

/// What a chart shows, and the words around it.
#[derive(Clone)]
pub struct ChartData {
    /// Unique on the page: the ids of the title, the table, the points.
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    /// Short labels under the x axis, and the long ones for the tooltip
    /// and the table, one per period.
    pub labels: Vec<String>,
    pub long_labels: Vec<String>,
    pub series: Vec<Series>,
    /// A value with its unit: "12,5 km".
    pub format: fn(f64) -> String,
    /// Said for a period without a value ("no trips").
    pub empty: &'static str,
    pub caption: String,
}

impl ChartData {
    /// The tooltip's lines for period `i`: the period, then each series.
    pub fn lines(&self, i: usize) -> Vec<String> {
        let mut lines = vec![self.long_labels.get(i).cloned().unwrap_or_default()];
        if self
            .series
            .iter()
            .all(|s| s.values.get(i).copied().flatten().is_none())
        {
            lines.push(self.empty.to_owned());
            return lines;
        }
        lines.extend(self.series.iter().map(|s| {
            let value = s.values.get(i).copied().flatten();
            format!(
                "{}: {}",
                s.name,
                value.map_or(self.empty.to_owned(), self.format)
            )
        }));
        lines
    }

    /// The largest value drawn.
    pub fn max(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .fold(0.0, |m: f64, v| m.max(*v))
    }
}

/// Where a tooltip of `lines` sits over period `i`: its top-left corner,
/// width and height, inside the drawing.
pub fn tooltip_box(bands: Bands, i: usize, lines: &[String]) -> (f64, f64, f64, f64) {
    let chars = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let width = (chars as f64 * CHAR_WIDTH + 12.0).min(WIDTH);
    let height = lines.len() as f64 * LINE_HEIGHT + 8.0;
    let x = (bands.centre(i) - width / 2.0).clamp(0.0, WIDTH - width);
    (x, 0.0, width, height)
}

/// The frame of a chart: the drawing named and described, its `children`
/// (the marks), the axes, the focusable periods and the tooltip; under it
/// the legend and the table of the values behind a toggle.
#[component]
pub fn Chart(
    data: ChartData,
    scale: YScale,
    /// The marks of period `i`, drawn inside its focusable target.
    marks: fn(&ChartData, YScale, Bands, usize) -> AnyView,
    /// The legend's sample of series number `k` (its colour given), in a
    /// 24 × 12 box: the same shape, pattern and colour as in the chart.
    key: fn(&'static str, usize, &'static str) -> AnyView,
    /// Marks drawn under the periods (the lines of a trend).
    #[prop(optional)]
    under: Option<AnyView>,
    /// Extra table columns after the series (a total).
    #[prop(optional)]
    total_column: Option<&'static str>,
) -> impl IntoView {
    let id = data.id;
    let bands = Bands {
        count: data.labels.len(),
    };
    let active: RwSignal<Option<usize>> = RwSignal::new(None);
    let data = StoredValue::new(data);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let (labelled_by, described_by) = (title_id.clone(), desc_id.clone());

    let grid = scale
        .ticks()
        .into_iter()
        .map(|v| {
            let y = scale.y(v);
            // A quarter of a round scale may have a decimal (2,5): never rounded away.
            let label = number(v);
            view! {
                <line x1=PLOT_LEFT x2=PLOT_RIGHT y1=y y2=y stroke=LINE />
                <text x=PLOT_LEFT - 4.0 y=y + 4.0 text-anchor="end" fill=INK_SOFT font-size="12">{label}</text>
            }
        })
        .collect_view();
    let x_labels = data.with_value(|d| {
        d.labels
            .iter()
            .enumerate()
            .filter(|(i, _)| i % bands.label_step() == 0)
            .map(|(i, l)| {
                view! {
                    <text x=bands.centre(i) y=HEIGHT - 8.0 text-anchor="middle" fill=INK_SOFT font-size="12">
                        {l.clone()}
                    </text>
                }
            })
            .collect_view()
    });
    let points = (0..bands.count)
        .map(|i| {
            let label = data.with_value(|d| d.lines(i).join(", "));
            let marks = data.with_value(|d| marks(d, scale, bands, i));
            view! {
                <g class="ml-chart__point" id=format!("{id}-point-{i}") tabindex="0" role="img"
                    aria-label=label
                    on:mouseenter=move |_| active.set(Some(i))
                    on:mouseleave=move |_| active.set(None)
                    on:focus=move |_| active.set(Some(i))
                    on:blur=move |_| active.set(None)>
                    <rect class="ml-chart__hit" x=bands.start(i) y=PLOT_TOP width=bands.width()
                        height=PLOT_BOTTOM - PLOT_TOP fill="transparent" />
                    {marks}
                </g>
            }
        })
        .collect_view();
    let tip_box = move || {
        active
            .get()
            .map(|i| data.with_value(|d| tooltip_box(bands, i, &d.lines(i))))
            .unwrap_or_default()
    };
    let tip_lines = move || {
        active
            .get()
            .map(|i| data.with_value(|d| d.lines(i)))
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(n, line)| {
                view! {
                    <tspan x=move || tip_box().0 + 6.0 y=move || tip_box().1 + 16.0 + n as f64 * LINE_HEIGHT>
                        {line}
                    </tspan>
                }
            })
            .collect_view()
    };
    let legend = data.with_value(|d| {
        d.series
            .iter()
            .enumerate()
            .map(|(k, s)| {
                view! {
                    <li>
                        <svg class="ml-chart__key" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">
                            {key(id, k, s.colour)}
                        </svg>
                        {s.name}
                    </li>
                }
            })
            .collect_view()
    });

    view! {
        <div class="ml-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%"
                role="group" aria-labelledby=labelled_by aria-describedby=described_by>
                <title id=title_id>{data.with_value(|d| d.title.clone())}</title>
                <desc id=desc_id>{data.with_value(|d| d.desc.clone())}</desc>
                <defs>
                    <pattern id=format!("{id}-hatch") width="6" height="6" patternUnits="userSpaceOnUse"
                        patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" />
                    </pattern>
                    <pattern id=format!("{id}-dots") width="6" height="6" patternUnits="userSpaceOnUse">
                        <circle cx="3" cy="3" r="1.2" fill="#fff" />
                    </pattern>
                </defs>
                {grid}
                <line x1=PLOT_LEFT x2=PLOT_RIGHT y1=PLOT_BOTTOM y2=PLOT_BOTTOM stroke=LINE_STRONG />
                {under}
                {points}
                {x_labels}
                <g class="ml-chart__tip" class:ml-chart__tip--shown=move || active.get().is_some()
                    aria-hidden="true" pointer-events="none">
                    <rect rx="4" fill=INK x=move || tip_box().0 y=move || tip_box().1
                        width=move || tip_box().2 height=move || tip_box().3 />
                    <text fill="#fff" font-size="12">{tip_lines}</text>
                </g>
            </svg>
            <ul class="ml-chart__legend" aria-label=t().trips.chart_legend.as_str()>{legend}</ul>
            <ValueTable data=data.get_value() total_column />
        </div>
    }
}

/// The chart's values as a table, shown by a toggle.
#[component]
fn ValueTable(data: ChartData, total_column: Option<&'static str>) -> impl IntoView {
    let tr = &t().trips;
    let open = RwSignal::new(false);
    let table_id = format!("{}-table", data.id);
    let mut columns = vec![tr.col_period.as_str()];
    columns.extend(data.series.iter().map(|s| s.name));
    columns.extend(total_column);
    let rows: Vec<(String, Vec<String>)> = (0..data.labels.len())
        .map(|i| {
            let values: Vec<Option<f64>> = data
                .series
                .iter()
                .map(|s| s.values.get(i).copied().flatten())
                .collect();
            let mut cells: Vec<String> = values
                .iter()
                .map(|v| v.map_or(data.empty.to_owned(), data.format))
                .collect();
            if total_column.is_some() {
                let total = values.iter().flatten().sum::<f64>();
                cells.push(if values.iter().all(Option::is_none) {
                    data.empty.to_owned()
                } else {
                    (data.format)(total)
                });
            }
            (data.long_labels[i].clone(), cells)
        })
        .collect();
    let count = rows.len();
    view! {
        <p>
            <button type="button" class="ml-button ml-button--secondary"
                aria-expanded=move || open.get().to_string() aria-controls=table_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() { tr.chart_hide_table.as_str() } else { tr.chart_show_table.as_str() }}
            </button>
        </p>
        <div id=table_id hidden=move || !open.get()>
            // Named by its caption: the chart's id only makes the row ids.
            <DataTable labelled_by=data.id caption=data.caption.clone() named_by_caption=true
                columns records=rows paging=Paging::Shown(count)
                row=|(period, cells): (String, Vec<String>)| view! {
                    <th scope="row">{period}</th>
                    {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                } />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_ends_on_a_round_number_and_maps_bottom_up() {
        assert_eq!(YScale::nice(100.0).max, 100.0);
        assert_eq!(YScale::nice(73.0).max, 100.0);
        assert_eq!(YScale::nice(5.3).max, 10.0);
        assert_eq!(YScale::nice(4.2).max, 5.0);
        assert_eq!(YScale::nice(180.0).max, 200.0);
        assert_eq!(YScale::nice(0.0).max, 1.0);
        let s = YScale { max: 100.0 };
        assert_eq!(s.y(0.0), PLOT_BOTTOM);
        assert_eq!(s.y(100.0), PLOT_TOP);
        assert_eq!(s.y(50.0), (PLOT_TOP + PLOT_BOTTOM) / 2.0);
        assert_eq!(s.y(250.0), PLOT_TOP, "clamped");
        assert_eq!(s.ticks(), [0.0, 25.0, 50.0, 75.0, 100.0]);
    }

    #[test]
    fn bands_fill_the_plot_and_labels_fit() {
        let b = Bands { count: 12 };
        assert_eq!(b.start(0), PLOT_LEFT);
        assert!((b.start(11) + b.width() - PLOT_RIGHT).abs() < 1e-9);
        assert_eq!(b.label_step(), 2);
        assert_eq!(Bands { count: 53 }.label_step(), 5);
        assert_eq!(Bands { count: 3 }.label_step(), 1);
    }

    #[test]
    fn the_tooltip_stays_inside_the_drawing() {
        let lines = vec![
            "week 53 van 2026".to_owned(),
            "Hybride score: 71".to_owned(),
        ];
        let b = Bands { count: 53 };
        let (x, _, w, h) = tooltip_box(b, 52, &lines);
        assert!(x >= 0.0 && x + w <= WIDTH);
        assert_eq!(h, 2.0 * LINE_HEIGHT + 8.0);
        assert_eq!(tooltip_box(b, 0, &lines).0, 0.0);
    }
}
