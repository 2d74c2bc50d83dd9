//! Charts drawn as SVG on the server (and kept by hydration), each with a text alternative.

use crate::kernel::Rating;
use leptos::prelude::*;

/// Short names under the bars.
fn short(r: Rating) -> &'static str {
    match r {
        Rating::Exceptional => "Exceptional",
        Rating::Strong => "Strong",
        Rating::Meets => "Meets",
        Rating::Developing => "Developing",
        Rating::Below => "Below",
    }
}

fn percent(part: u32, all: u32) -> f64 {
    if all == 0 {
        0.0
    } else {
        part as f64 * 100.0 / all as f64
    }
}

/// A rating distribution against the guideline shares: one bar per rating for each series
/// (one series, or "before" and "after"), the guideline as a dashed mark. The guideline is a
/// reference for discussion, never a target the chart asks anyone to meet.
#[component]
pub fn DistributionChart(
    #[prop(into)] title: String,
    /// (name, counts in scale order), at most two.
    series: Vec<(String, [u32; 5])>,
) -> impl IntoView {
    let (width, height, top, bottom) = (560.0, 220.0, 22.0, 30.0);
    let plot = height - top - bottom;
    let totals: Vec<u32> = series.iter().map(|s| s.1.iter().sum()).collect();
    let max_share = series
        .iter()
        .zip(&totals)
        .flat_map(|(s, t)| s.1.iter().map(move |c| percent(*c, *t)))
        .chain(Rating::ALL.iter().map(|r| r.guideline_percent() as f64))
        .fold(0.0, f64::max)
        .max(10.0);
    let scale = |share: f64| plot * share / (max_share * 1.1);
    let slot = width / 5.0;
    let bar = (slot * 0.7) / series.len().max(1) as f64;
    let description = {
        let parts: Vec<String> = series
            .iter()
            .zip(&totals)
            .map(|((name, counts), total)| {
                let each: Vec<String> = Rating::ALL
                    .iter()
                    .zip(counts)
                    .map(|(r, c)| format!("{} {} ({:.0}%)", r.label(), c, percent(*c, *total)))
                    .collect();
                format!("{name}: {}", each.join(", "))
            })
            .collect();
        let guide: Vec<String> = Rating::ALL
            .iter()
            .map(|r| format!("{} {}%", r.label(), r.guideline_percent()))
            .collect();
        format!("{}. Guideline: {}.", parts.join(". "), guide.join(", "))
    };
    let font = "12";
    let bars = Rating::ALL
        .iter()
        .enumerate()
        .map(|(i, rating)| {
            let x0 = slot * i as f64 + slot * 0.15;
            let guide_y = top + plot - scale(rating.guideline_percent() as f64);
            let rects = series
                .iter()
                .zip(&totals)
                .enumerate()
                .map(|(k, ((_, counts), total))| {
                    let share = percent(counts[i], *total);
                    let h = scale(share);
                    let x = x0 + bar * k as f64;
                    let class = if series.len() > 1 && k == 0 { "chart__bar chart__bar--before" } else { "chart__bar" };
                    // Two bars side by side have room for the count only (the table beside gives shares).
                    let label = if series.len() > 1 { format!("{}", counts[i]) } else { format!("{} · {:.0}%", counts[i], share) };
                    view! {
                        <rect class=class x=format!("{x:.1}") y=format!("{:.1}", top + plot - h) width=format!("{:.1}", bar - 2.0) height=format!("{h:.1}")/>
                        <text class="chart__value" x=format!("{:.1}", x + (bar - 2.0) / 2.0) y=format!("{:.1}", top + plot - h - 4.0) text-anchor="middle" font-size=font>{label}</text>
                    }
                })
                .collect_view();
            view! {
                <g>
                    {rects}
                    <line class="chart__guide" x1=format!("{:.1}", x0 - 4.0) x2=format!("{:.1}", x0 + slot * 0.7 + 2.0) y1=format!("{guide_y:.1}") y2=format!("{guide_y:.1}")/>
                    <text class="chart__label" x=format!("{:.1}", slot * i as f64 + slot / 2.0) y=format!("{:.1}", height - 8.0) text-anchor="middle" font-size=font>{short(*rating)}</text>
                </g>
            }
        })
        .collect_view();
    let legend = {
        let names: Vec<(String, &'static str)> = series
            .iter()
            .enumerate()
            .map(|(k, (n, _))| {
                (
                    n.clone(),
                    if series.len() > 1 && k == 0 {
                        "legend__swatch legend__swatch--before"
                    } else {
                        "legend__swatch"
                    },
                )
            })
            .collect();
        view! {
            <p class="legend" aria-hidden="true">
                {names.into_iter().map(|(n, class)| view! { <span class="legend__item"><span class=class></span>{n}</span> }).collect_view()}
                <span class="legend__item"><span class="legend__swatch legend__swatch--guide"></span>"Guideline share (a guide, never a quota)"</span>
            </p>
        }
    };
    view! {
        <figure class="chart">
            <figcaption class="chart__title">{title.clone()}</figcaption>
            <svg class="chart__svg" viewBox=format!("0 0 {width} {height}") role="img" aria-label=format!("{title}. {description}")>
                <title>{title.clone()}</title>
                <desc>{description.clone()}</desc>
                <line class="chart__axis" x1="0" x2=width.to_string() y1=format!("{:.1}", top + plot) y2=format!("{:.1}", top + plot)/>
                {bars}
            </svg>
            {legend}
        </figure>
    }
}
