//! Arbitrary text as a Markdown body: scanned and rendered the way directive pages and
//! the notice's preamble are, with a resolver that knows a few ids. Must never panic, and
//! the HTML must never run script: no script-like elements, no `on…` attributes, no
//! `style` other than table alignment, no `javascript:`/`vbscript:`/`data:` URLs.

#![no_main]

use hoshin::markdown::{self, InternalLink, LinkResolver, PlanMatcher, RenderOptions};
use libfuzzer_sys::fuzz_target;
use scraper::Html;

/// Resolves `@1-1`, `@3-2`, `@plan:p1`, `@theme:digital`, `@chapter:1`; cites a few.
struct Resolver;

impl LinkResolver for Resolver {
    fn internal(&self, link: &InternalLink) -> Option<String> {
        match link {
            InternalLink::Directive(id) if id == "1-1" || id == "3-2" => {
                Some(format!("../directives/{id}.html"))
            }
            InternalLink::Plan(id) if id == "p1" => Some("../plans/p1.html".into()),
            InternalLink::Topic(id) if id == "digital" => Some("../topics/digital.html".into()),
            InternalLink::Chapter(n) if n == "1" => Some("../chapters/1.html".into()),
            _ => None,
        }
    }

    fn plan(&self, plan: usize) -> Option<String> {
        (plan == 0).then(|| "../plans/p1.html".into())
    }

    fn citation(&self, link: &InternalLink) -> Option<String> {
        match link {
            InternalLink::Directive(id) if id == "3-2" || id == "4-1" => Some(id.clone()),
            _ => None,
        }
    }
}

fuzz_target!(|body: &str| {
    let plans = PlanMatcher::new(["人材育成計画", "計画", "a"]);
    let scan = markdown::scan(body, &plans);
    for (_, range) in &scan.links {
        assert!(body.get(range.clone()).is_some(), "link range {range:?}");
    }
    for p in &scan.problems {
        assert!(
            body.get(p.range.clone()).is_some(),
            "problem range {:?}",
            p.range
        );
    }
    let _ = markdown::plain_text(body);
    for (anchor_prefix, sub_items) in [("1-2", true), ("", false)] {
        let html = markdown::render(
            body,
            &RenderOptions {
                anchor_prefix,
                heading_base: 2,
                plans: &plans,
                resolver: &Resolver,
                sub_items,
            },
        );
        if let Err(why) = check_safe(&html) {
            panic!("unsafe HTML ({why}) from {body:?}:\n{html}");
        }
    }
});

/// Elements that run script, load something or take input: never in rendered content.
const FORBIDDEN: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "meta", "link", "base", "svg", "math", "template", "noscript",
    "audio", "video", "source", "portal",
];

fn check_safe(html: &str) -> Result<(), String> {
    if html.to_ascii_lowercase().contains("<script") {
        return Err("<script".into());
    }
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if FORBIDDEN.contains(&name) {
            return Err(format!("<{name}> element"));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                return Err(format!("{attr}= attribute on <{name}>"));
            }
            if attr == "style" && !is_alignment(value) {
                return Err(format!("style=\"{value}\" on <{name}>"));
            }
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "srcdoc" | "xlink:href" | "poster"
            ) && is_script_url(value)
            {
                return Err(format!("{attr}=\"{value}\" on <{name}>"));
            }
        }
    }
    Ok(())
}

/// `text-align: left` and the like, which pulldown-cmark writes on table cells.
fn is_alignment(style: &str) -> bool {
    matches!(
        style,
        "text-align: left" | "text-align: center" | "text-align: right"
    )
}

/// A URL a browser would run or treat as inline content: like the URL parser, drop
/// leading and trailing C0 controls and spaces and every tab and line break, then look
/// at the scheme.
fn is_script_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}
