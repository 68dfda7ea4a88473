//! Markdown bodies: scanning them for what the resolver must check (links by id, sub-items
//! ①②, plan names) and rendering them to HTML once links are known. Pure; both passes share
//! one event preparation so that what is checked is exactly what is rendered.

mod reuse;

pub use reuse::{Answer, BodyInputs, BodyMemo, render_reusing};

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::circled_number;

/// Markdown extensions hoshin enables: tables, footnotes, heading ids, strikethrough.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// A link by id, written `[text](@target)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InternalLink {
    /// `@3-2` (a directive) or `@1-2-1` (a sub-item).
    Directive(String),
    /// `@plan:digital-plan-2`
    Plan(String),
    /// `@theme:digital`
    Topic(String),
    /// `@chapter:3`
    Chapter(String),
}

impl InternalLink {
    /// Parses a link destination starting with `@`.
    pub fn parse(dest: &str) -> Option<InternalLink> {
        let target = dest.strip_prefix('@')?;
        Some(if let Some(id) = target.strip_prefix("plan:") {
            InternalLink::Plan(id.to_string())
        } else if let Some(id) = target.strip_prefix("theme:") {
            InternalLink::Topic(id.to_string())
        } else if let Some(n) = target.strip_prefix("chapter:") {
            InternalLink::Chapter(n.to_string())
        } else {
            InternalLink::Directive(target.to_string())
        })
    }
}

/// Finds plan names in running text (leftmost-longest, so a longer name wins).
#[derive(Clone)]
pub struct PlanMatcher {
    /// A hash of the names, to tell whether two matchers find the same mentions.
    pub fingerprint: u64,
    matcher: Option<AhoCorasick>,
    /// The plan index of each pattern (patterns are ordered longest first).
    plans: Vec<usize>,
}

impl PlanMatcher {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> PlanMatcher {
        let mut names: Vec<(usize, &str)> = names
            .into_iter()
            .enumerate()
            .filter(|(_, n)| !n.is_empty())
            .collect();
        // Leftmost-first over the names longest first is leftmost-longest, and lets the automaton
        // use its vectorised prefilter, which leftmost-longest does not.
        names.sort_by_key(|&(i, n)| (std::cmp::Reverse(n.len()), i));
        let matcher = (!names.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(names.iter().map(|&(_, n)| n))
                .expect("plan names form a valid automaton")
        });
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            names.hash(&mut h);
            h.finish()
        };
        PlanMatcher {
            fingerprint,
            matcher,
            plans: names.iter().map(|&(i, _)| i).collect(),
        }
    }

    /// `(plan index, byte range)` of every plan name in `text`.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
        self.matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .map(|m| (self.plans[m.pattern().as_usize()], m.range()))
    }
}

/// Something wrong in a body, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyProblem {
    pub range: Range<usize>,
    pub message: String,
    pub is_error: bool,
}

/// A sub-item paragraph found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubItemDecl {
    pub number: u32,
    pub range: Range<usize>,
    /// The paragraph's plain text, without the circled digit.
    pub text: String,
}

/// What the resolver needs to know about a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub links: Vec<(InternalLink, Range<usize>)>,
    pub sub_items: Vec<SubItemDecl>,
    /// Plan indices named in the text, in order of first mention, without repeats.
    pub mentions: Vec<usize>,
    pub problems: Vec<BodyProblem>,
    /// The body as plain text, as [`plain_text`] makes it (made in the same pass), shared.
    pub plain_text: crate::memo::Shared,
}

/// Parses and prepares events: text merged, soft breaks between Japanese characters dropped.
fn prepared_events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let mut events: Vec<(Event, Range<usize>)> = Vec::new();
    for (ev, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let (Event::Text(t), Some((Event::Text(prev), prev_range))) = (&ev, events.last_mut()) {
            *prev = CowStr::from([prev.as_ref(), t.as_ref()].concat());
            prev_range.end = range.end;
            continue;
        }
        events.push((ev, range));
    }
    for i in 0..events.len() {
        if !matches!(events[i].0, Event::SoftBreak) {
            continue;
        }
        let before = events[..i].iter().rev().find_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.chars().next_back()),
            Event::SoftBreak | Event::HardBreak => Some(None),
            _ => None,
        });
        let after = events[i + 1..].iter().find_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.chars().next()),
            Event::SoftBreak | Event::HardBreak => Some(None),
            _ => None,
        });
        if let (Some(Some(a)), Some(Some(b))) = (before, after)
            && is_wide(a)
            && is_wide(b)
        {
            events[i].0 = Event::Text(CowStr::Borrowed(""));
        }
    }
    events
}

/// Characters of Japanese text between which a line break must not become a space.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF |
        0x2460..=0x24FF | 0x20000..=0x3FFFD)
}

/// Safe link destinations: relative, fragments, http(s), mailto, tel (not `javascript:` etc.).
fn is_safe_destination(dest: &str) -> bool {
    let lower: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    let Some(colon) = lower.find(':') else {
        return true;
    };
    let scheme = &lower[..colon];
    // A colon after the first '/', '?' or '#' is not a scheme separator.
    scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto" | "tel")
}

/// Why a link destination that is no link by id is refused, if it is.
fn link_problem(dest: &str) -> Option<String> {
    let halfwidth = crate::model::to_halfwidth(dest);
    let id_like = |s: &str| s.contains('-') && s.chars().all(|c| c.is_ascii_digit() || c == '-');
    if dest.starts_with('＠') {
        Some(crate::t!(
            "link-full-width-at",
            target = dest,
            fixed = &halfwidth
        ))
    } else if id_like(&halfwidth) {
        Some(crate::t!(
            "link-missing-at",
            target = dest,
            fixed = &halfwidth
        ))
    } else if !is_safe_destination(dest) {
        Some(crate::t!("link-not-allowed", target = dest))
    } else if dest.ends_with(".md") || dest.contains(".md#") {
        Some(crate::t!("link-to-source-file", target = dest))
    } else {
        None
    }
}

/// Why an image source is refused, if it is.
fn image_problem(dest: &str) -> Option<String> {
    if dest.starts_with('@') || !is_safe_destination(dest) {
        Some(crate::t!("image-not-allowed", source = dest))
    } else if dest.contains("://") {
        Some(crate::t!("image-external", source = dest))
    } else {
        None
    }
}

/// Scans a body for links by id, sub-items, plan mentions and unsafe markup.
pub fn scan(body: &str, plans: &PlanMatcher) -> Scan {
    let events = prepared_events(body);
    let mut scan = Scan::default();
    let mut plain_text = String::with_capacity(body.len());
    let mut link_depth = 0usize;
    let mut code_depth = 0usize;
    let mut paragraph_start: Option<usize> = None;
    let mut in_sub_item = false;
    for (i, (ev, range)) in events.iter().enumerate() {
        let problem = |message: String, is_error| BodyProblem {
            range: range.clone(),
            message,
            is_error,
        };
        push_plain_text(&mut plain_text, ev);
        if in_sub_item {
            match ev {
                Event::Text(t) | Event::Code(t) => {
                    if let Some(s) = scan.sub_items.last_mut() {
                        s.text.push_str(t);
                    }
                }
                Event::End(TagEnd::Paragraph) => in_sub_item = false,
                _ => {}
            }
        }
        match ev {
            Event::Start(Tag::Paragraph) => paragraph_start = Some(i),
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => {
                scan.problems
                    .push(problem(crate::t!("heading-attributes"), false));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                match InternalLink::parse(dest_url) {
                    Some(link) => scan.links.push((link, range.clone())),
                    None => scan
                        .problems
                        .extend(link_problem(dest_url).map(|m| problem(m, true))),
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                link_depth += 1;
                scan.problems
                    .extend(image_problem(dest_url).map(|m| problem(m, true)));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => {
                scan.problems.push(problem(crate::t!("raw-html"), false))
            }
            Event::Text(text) => {
                if paragraph_start == Some(i.wrapping_sub(1))
                    && let Some(number) = text.chars().next().and_then(circled_number)
                {
                    let text = &text[text.chars().next().map_or(0, char::len_utf8)..];
                    scan.sub_items.push(SubItemDecl {
                        number,
                        range: range.clone(),
                        text: text.to_string(),
                    });
                    in_sub_item = true;
                }
                if link_depth == 0 && code_depth == 0 {
                    for (plan, _) in plans.find(text) {
                        if !scan.mentions.contains(&plan) {
                            scan.mentions.push(plan);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    trim_plain_text(&mut plain_text);
    scan.plain_text = plain_text.into();
    scan
}

/// Where a rendered body's links must point.
pub trait LinkResolver {
    /// The href for an internal link; `None` if the target is missing (reported already).
    fn internal(&self, link: &InternalLink) -> Option<String>;
    /// The href of a plan's page, or `None` to leave plan names as plain text (print).
    fn plan(&self, plan: usize) -> Option<String>;
    /// The target's citation (e.g. `3(2)`), set as `data-cite` for print CSS; `None` by default.
    fn citation(&self, _link: &InternalLink) -> Option<String> {
        None
    }
}

/// How an open link was rendered, so that its end matches its start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpenLink {
    /// Dropped (unsafe or unresolved): only its text is rendered.
    Dropped,
    /// An ordinary `<a>` from pulldown-cmark.
    Plain,
    /// Raw `<a … data-cite>`; its end is a plain `</a>` too.
    Cited,
    /// No target in this document, but a citation: `<span class="xref" data-cite>`.
    CitedText,
}

/// How to render one body.
pub struct RenderOptions<'a> {
    /// Prefix of generated anchors: sub-items get `<prefix>-<n>`, headings
    /// `<prefix>-h<n>`, footnotes `<prefix>-fn-<name>`. Empty for the notice's preamble.
    pub anchor_prefix: &'a str,
    /// The level the body's highest heading becomes (2 on a directive page).
    pub heading_base: u8,
    pub plans: &'a PlanMatcher,
    pub resolver: &'a dyn LinkResolver,
    /// Sub-items become anchors only in directive bodies.
    pub sub_items: bool,
}

/// Renders a body to HTML. Raw HTML is escaped; unsafe links lose their link.
pub fn render(body: &str, opts: &RenderOptions) -> String {
    let events = prepared_events(body);
    let min_level = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 8);
    let mut link_stack: Vec<OpenLink> = Vec::new();
    let mut code_depth = 0usize;
    let mut heading_count = 0usize;
    let mut last_was_paragraph_start = false;
    // The body's highest heading becomes `heading_base`, deeper ones follow, within h1-h6.
    let shift = |level: HeadingLevel| {
        let n = (level as u8 - min_level + opts.heading_base).clamp(1, 6);
        HeadingLevel::try_from(usize::from(n)).expect("clamped to 1..=6")
    };
    let prefix = |s: &str| -> String {
        if opts.anchor_prefix.is_empty() {
            s.to_string()
        } else {
            format!("{}-{s}", opts.anchor_prefix)
        }
    };
    let footnote = |name: &str| CowStr::from(prefix(&format!("fn-{name}")));
    for (ev, _) in events {
        let was_paragraph_start = std::mem::take(&mut last_was_paragraph_start);
        match ev {
            Event::Start(Tag::Paragraph) => {
                last_was_paragraph_start = true;
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading_count += 1;
                let id = match id {
                    Some(id) => CowStr::from(prefix(&id)),
                    None => CowStr::from(prefix(&format!("h{heading_count}"))),
                };
                // `{key=value}` attributes are dropped: `{onclick=…}` would run script.
                out.push(Event::Start(Tag::Heading {
                    level: shift(level),
                    id: Some(id),
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(shift(level))))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (href, cite) = if let Some(link) = InternalLink::parse(&dest_url) {
                    (opts.resolver.internal(&link), opts.resolver.citation(&link))
                } else if is_safe_destination(&dest_url) {
                    (Some(dest_url.to_string()), None)
                } else {
                    (None, None)
                };
                let open = match (href, cite) {
                    (Some(href), Some(cite)) => {
                        let title = if title.is_empty() {
                            String::new()
                        } else {
                            format!(" title=\"{}\"", escape_html(&title))
                        };
                        out.push(Event::InlineHtml(CowStr::from(format!(
                            "<a href=\"{}\" data-cite=\"{}\"{title}>",
                            escape_html(&href),
                            escape_html(&cite)
                        ))));
                        OpenLink::Cited
                    }
                    (Some(href), None) => {
                        let link_type = match link_type {
                            LinkType::Autolink | LinkType::Email => link_type,
                            _ => LinkType::Inline,
                        };
                        out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: CowStr::from(href),
                            title,
                            id,
                        }));
                        OpenLink::Plain
                    }
                    (None, Some(cite)) => {
                        out.push(Event::InlineHtml(CowStr::from(format!(
                            "<span class=\"xref\" data-cite=\"{}\">",
                            escape_html(&cite)
                        ))));
                        OpenLink::CitedText
                    }
                    (None, None) => OpenLink::Dropped,
                };
                link_stack.push(open);
            }
            Event::End(TagEnd::Link) => match link_stack.pop() {
                Some(OpenLink::Plain) => out.push(Event::End(TagEnd::Link)),
                Some(OpenLink::Cited) => out.push(Event::InlineHtml(CowStr::from("</a>"))),
                Some(OpenLink::CitedText) => out.push(Event::InlineHtml(CowStr::from("</span>"))),
                Some(OpenLink::Dropped) | None => {}
            },
            // A refused image (scan reports it) is dropped; its alt text stays as text.
            Event::Start(Tag::Image { ref dest_url, .. }) if image_problem(dest_url).is_some() => {
                link_stack.push(OpenLink::Dropped)
            }
            Event::Start(image @ Tag::Image { .. }) => {
                link_stack.push(OpenLink::Plain);
                out.push(Event::Start(image));
            }
            Event::End(TagEnd::Image) => {
                if link_stack.pop() == Some(OpenLink::Plain) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                code_depth += 1;
                out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                code_depth = code_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Html(html) | Event::InlineHtml(html) => out.push(Event::Text(html)),
            Event::FootnoteReference(name) => out.push(Event::FootnoteReference(footnote(&name))),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                out.push(Event::Start(Tag::FootnoteDefinition(footnote(&name))))
            }
            Event::Text(text) => {
                let mut rest: &str = &text;
                if was_paragraph_start
                    && opts.sub_items
                    && let Some(first) = rest.chars().next()
                    && let Some(n) = circled_number(first)
                {
                    // Replace the <p> just pushed by an anchored one.
                    out.pop();
                    out.push(Event::Html(CowStr::from(format!(
                        "<p class=\"sub-item\" id=\"{}\"><span class=\"sub-item-marker\">{first}</span>",
                        escape_html(&prefix(&n.to_string()))
                    ))));
                    rest = &rest[first.len_utf8()..];
                }
                if link_stack.is_empty() && code_depth == 0 {
                    push_with_plan_links(&mut out, rest, opts);
                } else {
                    out.push(Event::Text(CowStr::from(rest.to_string())));
                }
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

fn push_with_plan_links<'a>(out: &mut Vec<Event<'a>>, text: &str, opts: &RenderOptions) {
    let mut last = 0;
    for (plan, range) in opts.plans.find(text) {
        let Some(href) = opts.resolver.plan(plan) else {
            continue;
        };
        if range.start > last {
            out.push(Event::Text(CowStr::from(
                text[last..range.start].to_string(),
            )));
        }
        out.push(Event::InlineHtml(CowStr::from(format!(
            "<a class=\"plan-mention\" href=\"{}\">{}</a>",
            escape_html(&href),
            escape_html(&text[range.clone()])
        ))));
        last = range.end;
    }
    if last < text.len() || text.is_empty() {
        out.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

/// Escapes text for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text of a body (search, policy.json): no Markdown syntax, no Japanese soft breaks.
pub fn plain_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for (ev, _) in prepared_events(body) {
        push_plain_text(&mut out, &ev);
    }
    trim_plain_text(&mut out);
    out
}

/// Appends what `ev` adds to a body's plain text: text and code as they are, a space
/// for a soft break, a line end after each block, a tab after each table cell.
fn push_plain_text(out: &mut String, ev: &Event) {
    match ev {
        Event::Text(t) | Event::Code(t) => out.push_str(t),
        Event::SoftBreak => out.push(' '),
        Event::HardBreak => out.push('\n'),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow) => {
            out.push('\n')
        }
        Event::End(TagEnd::TableCell) => out.push('\t'),
        _ => {}
    }
}

/// Drops the white space a plain text ends with.
fn trim_plain_text(out: &mut String) {
    let len = out.trim_end().len();
    out.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl LinkResolver for Fake {
        fn internal(&self, link: &InternalLink) -> Option<String> {
            match link {
                InternalLink::Directive(id) if id == "3-2" => Some("3-2.html".into()),
                _ => None,
            }
        }
        fn plan(&self, plan: usize) -> Option<String> {
            Some(format!("plan-{plan}.html"))
        }
    }

    fn render_with(body: &str, plans: &PlanMatcher) -> String {
        render(
            body,
            &RenderOptions {
                anchor_prefix: "1-2",
                heading_base: 2,
                plans,
                resolver: &Fake,
                sub_items: true,
            },
        )
    }

    #[test]
    fn soft_breaks_between_japanese_vanish_but_not_between_latin() {
        let none = PlanMatcher::new([]);
        assert_eq!(
            render_with("まち\nの活性化", &none),
            "<p>まちの活性化</p>\n"
        );
        assert_eq!(
            render_with("LINE\naccount", &none),
            "<p>LINE\naccount</p>\n"
        );
        assert_eq!(plain_text("まち\nの活性化"), "まちの活性化");
    }

    #[test]
    fn sub_items_get_stable_anchors() {
        let none = PlanMatcher::new([]);
        let html = render_with("①一つ目。\n\n②二つ目。", &none);
        assert!(html.contains(r#"<p class="sub-item" id="1-2-1"><span class="sub-item-marker">①</span>一つ目。</p>"#), "{html}");
        assert!(html.contains(r#"id="1-2-2""#), "{html}");
        let s = scan("①一つ目。\n\n②二つ目。", &none);
        assert_eq!(
            s.sub_items.iter().map(|s| s.number).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(s.sub_items[1].text, "二つ目。");
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let none = PlanMatcher::new([]);
        let html = render_with(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
            &none,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        let s = scan("[x](JavaScript:alert(1))\n\n<b>hi</b>", &none);
        assert!(
            s.problems
                .iter()
                .any(|p| p.is_error && p.message.contains("not allowed"))
        );
        assert!(
            s.problems
                .iter()
                .any(|p| !p.is_error && p.message.contains("raw HTML"))
        );
    }

    /// Found by the `markdown` fuzz target: heading attributes were written out as is.
    #[test]
    fn heading_attributes_are_dropped() {
        let none = PlanMatcher::new([]);
        let crash = include_str!("../../tests/fixtures/fuzz/markdown-heading-onclick.md");
        for body in [
            "### 見出し {onclick=alert(1)}",
            "# x {#a .b style=color:red onmouseover=x}",
            crash,
        ] {
            let html = render_with(body, &none);
            assert!(
                !html.contains("onclick") && !html.contains("onmouseover"),
                "{html}"
            );
            assert!(!html.contains("style="), "{html}");
            let s = scan(body, &none);
            assert!(
                s.problems
                    .iter()
                    .any(|p| !p.is_error && p.message.contains("heading attributes")),
                "{body:?}: {:?}",
                s.problems
            );
        }
        let html = render_with("### 見出し {#a .b}", &none);
        assert!(
            html.contains(r#"<h2 id="1-2-a" class="b">見出し</h2>"#),
            "{html}"
        );
    }

    /// The longest name starting leftmost wins, whatever order the plans come in; plan
    /// indices are the order given.
    #[test]
    fn plan_names_match_leftmost_longest_in_any_order() {
        let text = "人材育成基本方針に基づく人材育成。総合ビジョン総合";
        let names = ["人材育成", "総合", "人材育成基本方針", "総合ビジョン"];
        let expected = [
            (2, "人材育成基本方針"),
            (0, "人材育成"),
            (3, "総合ビジョン"),
            (1, "総合"),
        ];
        for order in [[0, 1, 2, 3], [2, 3, 0, 1], [1, 0, 3, 2]] {
            let given: Vec<&str> = order.iter().map(|&k| names[k]).collect();
            let found: Vec<(usize, &str)> = PlanMatcher::new(given.iter().copied())
                .find(text)
                .map(|(plan, range)| (order[plan], &text[range]))
                .collect();
            assert_eq!(found, expected, "names in the order {given:?}");
        }
        assert_eq!(
            PlanMatcher::new(["", "総合"]).find("総合").next(),
            Some((1, 0..6))
        );
    }

    #[test]
    fn internal_links_resolve_and_plan_names_link() {
        let plans = PlanMatcher::new(["国分寺市人材育成実施計画", "人材育成"]);
        let html = render_with("[方針](@3-2)と「国分寺市人材育成実施計画」", &plans);
        assert!(html.contains(r#"<a href="3-2.html">方針</a>"#), "{html}");
        assert!(
            html.contains(
                r#"<a class="plan-mention" href="plan-0.html">国分寺市人材育成実施計画</a>"#
            ),
            "{html}"
        );
        let s = scan(
            "[方針](@3-2) [x](@plan:p1) 「国分寺市人材育成実施計画」",
            &plans,
        );
        assert_eq!(s.links[0].0, InternalLink::Directive("3-2".into()));
        assert_eq!(s.links[1].0, InternalLink::Plan("p1".into()));
        assert_eq!(s.links[0].1, 0..14);
        assert_eq!(s.mentions, [0]);
    }

    /// A print resolver: targets in the document get a fragment, all get a citation.
    struct Cites;
    impl LinkResolver for Cites {
        fn internal(&self, link: &InternalLink) -> Option<String> {
            match link {
                InternalLink::Directive(id) if id == "3-2" => Some("#d-3-2".into()),
                _ => None,
            }
        }
        fn plan(&self, _plan: usize) -> Option<String> {
            None
        }
        fn citation(&self, link: &InternalLink) -> Option<String> {
            match link {
                InternalLink::Directive(id) if id == "3-2" => Some("3(2)".into()),
                InternalLink::Directive(id) if id == "4-1" => Some("4(1)".into()),
                _ => None,
            }
        }
    }

    #[test]
    fn print_links_carry_citations_and_plan_names_stay_text() {
        let plans = PlanMatcher::new(["人材育成"]);
        let html = render(
            "[法令](@3-2)、[育成](@4-1)、[x](@plan:p)、[外部](https://example.jp/)と人材育成",
            &RenderOptions {
                anchor_prefix: "1-1",
                heading_base: 4,
                plans: &plans,
                resolver: &Cites,
                sub_items: true,
            },
        );
        assert_eq!(
            html,
            "<p><a href=\"#d-3-2\" data-cite=\"3(2)\">法令</a>、<span class=\"xref\" data-cite=\"4(1)\">育成</span>、x、<a href=\"https://example.jp/\">外部</a>と人材育成</p>\n"
        );
    }

    #[test]
    fn headings_shift_to_the_base_level_and_get_ids() {
        let none = PlanMatcher::new([]);
        let html = render_with("### 小見出し\n\n#### 下位", &none);
        assert!(html.contains(r#"<h2 id="1-2-h1">小見出し</h2>"#), "{html}");
        assert!(html.contains(r#"<h3 id="1-2-h2">下位</h3>"#), "{html}");
    }

    #[test]
    fn tables_and_footnotes_render() {
        let none = PlanMatcher::new([]);
        let html = render_with(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n注[^1]\n\n[^1]: 脚注",
            &none,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("1-2-fn-1"), "{html}");
    }

    /// The plain text the resolver's scan makes on the way is what `plain_text` makes.
    #[test]
    fn scan_makes_the_plain_text() {
        let plans = PlanMatcher::new(["総合ビジョン"]);
        let bodies = [
            "",
            "まち\nの活性化を図る。\n\n次の段落。  \n改行の後。",
            "# 見出し\n\n①　総合ビジョンに基づき\n推進する。\n\n② [連携](@1-2)を強める。",
            "- 一つ目\n- 二つ目 `code`\n\n1. 番号\n2. 付き",
            "| 区分 | 内容 |\n|---|---|\n| A | 窓口DX |\n| B | LINE |\n",
            "```\nコード\n```\n\n> 引用\n\n<b>生のHTML</b>\n\n脚注[^1]\n\n[^1]: 注記。\n\n   \n",
        ];
        for body in bodies {
            assert_eq!(*scan(body, &plans).plain_text, plain_text(body), "{body:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_makes_the_plain_text_of_any_body(
            body in "([ぁ-んァ-ン一-龥a-z0-9①②#*`|>\\[\\]()@ \n-]|\n\n|  \n){0,80}"
        ) {
            let plans = PlanMatcher::new(["計画"]);
            proptest::prop_assert_eq!(&*scan(&body, &plans).plain_text, plain_text(&body));
        }
    }
}
