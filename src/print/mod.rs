//! The print documents: the whole notice (`print.html`) laid out like the issued original,
//! and one テーマ's directives (`print/topics/<id>.html`). They use the same [`Renderer`] and
//! template as every page, but their links point inside the document, never to other pages.

mod chapter;
mod chromium;
pub mod pdf;
mod process_tree;

use std::sync::{Arc, LazyLock, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::markdown::{self, Answer, BodyInputs, InternalLink, LinkResolver, RenderOptions};
use crate::model::{Body, Chapter, Directive, Site};
use crate::page::{OutputFile, PageKey};
use crate::render::view::TopicRef;
use crate::render::{ENTRY_SIZE, PAGE_SIZE, Renderer, page_context};
pub use chapter::{ChapterInputs, ChapterMemo};

/// Anchor of a directive in a print document, e.g. `d-1-2`; sub-items keep theirs (`1-2-1`).
pub fn directive_anchor(id: &str) -> String {
    format!("d-{id}")
}

/// Anchor of a chapter inside a print document, e.g. `chapter-3`.
pub fn chapter_anchor(number: u32) -> String {
    format!("chapter-{number}")
}

/// Where a link lands in a print document that holds its target.
enum Landing<'a> {
    Directive(&'a Directive),
    /// A sub-item (its id) of a directive in the document.
    SubItem(&'a str),
    /// The chapter of this number.
    Chapter(u32),
}

/// What a body's link points to: a directive (index; also for its sub-items), a chapter (index
/// into [`Site::chapters`]) or nothing printable, so extracts filter links by index, not id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cited {
    Directive(usize),
    Chapter(usize),
    Elsewhere,
}

/// Resolves links for a print document: to anchors inside it, else to unlinked citations.
struct PrintLinks<'a> {
    site: &'a Site,
    /// `included[i]`: directive `i` is in this document.
    included: &'a [bool],
    /// The whole notice: every chapter is in it, even one without directives.
    whole: bool,
}

impl<'a> PrintLinks<'a> {
    /// The links of `topic`'s print document (`None`: the whole notice), holding `included`.
    fn new(site: &'a Site, included: &'a [bool], topic: Option<usize>) -> PrintLinks<'a> {
        PrintLinks {
            site,
            included,
            whole: topic.is_none(),
        }
    }

    /// The directive a `@id` link names (its index), and the sub-item number if any.
    fn target(&self, id: &str) -> Option<(usize, Option<u32>)> {
        let site = self.site;
        if let Some(&i) = site.directive_by_id.get(id) {
            return Some((i, None));
        }
        let (owner, n) = id.rsplit_once('-')?;
        let i = *site.directive_by_id.get(owner)?;
        let n: u32 = n.parse().ok()?;
        (site.directives[i].sub_items.iter())
            .any(|s| s.number == n)
            .then_some((i, Some(n)))
    }

    /// Where `link` lands in this document, if it does: what [`LinkResolver::internal`] anchors.
    fn landing<'l>(&'l self, link: &'l InternalLink) -> Option<Landing<'l>> {
        let target = self.locate(link);
        if !self.holds(target) {
            return None;
        }
        Some(match (target, link) {
            (Cited::Directive(i), InternalLink::Directive(id))
                if id != &self.site.directives[i].id =>
            {
                Landing::SubItem(id)
            }
            (Cited::Directive(i), _) => Landing::Directive(&self.site.directives[i]),
            (Cited::Chapter(c), _) => Landing::Chapter(self.site.chapters[c].number),
            (Cited::Elsewhere, _) => return None,
        })
    }

    /// What `link` points to, whichever directives this document holds.
    fn locate(&self, link: &InternalLink) -> Cited {
        match link {
            InternalLink::Directive(id) => match self.target(id) {
                Some((i, _)) => Cited::Directive(i),
                None => Cited::Elsewhere,
            },
            InternalLink::Chapter(n) => match self.chapter_index(n) {
                Some(c) => Cited::Chapter(c),
                None => Cited::Elsewhere,
            },
            // Plans and テーマ have no place in the printed notice.
            InternalLink::Plan(_) | InternalLink::Topic(_) => Cited::Elsewhere,
        }
    }

    /// Whether this document holds `target`: an included directive, or a chapter with one.
    fn holds(&self, target: Cited) -> bool {
        match target {
            Cited::Directive(i) => self.included[i],
            Cited::Chapter(c) => {
                self.whole || (self.site.chapters[c].directives.iter()).any(|&d| self.included[d])
            }
            Cited::Elsewhere => false,
        }
    }

    fn chapter(&self, n: &str) -> Option<&Chapter> {
        self.chapter_index(n).map(|c| &self.site.chapters[c])
    }

    /// The index in [`Site::chapters`] of the chapter numbered `n`.
    fn chapter_index(&self, n: &str) -> Option<usize> {
        let n: u32 = n.parse().ok()?;
        self.site.chapters.iter().position(|c| c.number == n)
    }
}

impl LinkResolver for PrintLinks<'_> {
    fn internal(&self, link: &InternalLink) -> Option<String> {
        Some(match self.landing(link)? {
            Landing::Directive(d) => format!("#{}", directive_anchor(&d.id)),
            // A sub-item's anchor is its id (`1-2-1`).
            Landing::SubItem(id) => format!("#{id}"),
            Landing::Chapter(number) => format!("#{}", chapter_anchor(number)),
        })
    }

    fn plan(&self, _plan: usize) -> Option<String> {
        None
    }

    fn citation(&self, link: &InternalLink) -> Option<String> {
        match link {
            InternalLink::Directive(id) => {
                let (i, sub) = self.target(id)?;
                let d = &self.site.directives[i];
                let mut cite = self.site.citation(d);
                if let Some(n) = sub
                    && let Some(s) = d.sub_items.iter().find(|s| s.number == n)
                {
                    cite.push(s.marker());
                }
                Some(cite)
            }
            InternalLink::Chapter(n) => self.chapter(n).map(|c| c.number.to_string()),
            InternalLink::Plan(_) | InternalLink::Topic(_) => None,
        }
    }
}

/// A directive's body as the whole notice prints it, and its cited links' targets in order.
struct PrintBody {
    /// The HTML, shared (kept from the last build when the body did not change).
    html: Arc<str>,
    cited: Vec<Cited>,
}

/// Each directive's notice body, rendered once per build and shared by the notice and every
/// テーマ extract, which [`unlink`]s the links whose target it does not hold.
struct PrintBodies {
    bodies: Vec<PrintBody>,
}

const CITED_OPEN: &str = "<a href=\"#";
const CITE_ATTR: &str = "\" data-cite=\"";

/// `html` with the `n`-th cited link (`<a href="#…" data-cite="C" …>text</a>`) turned into
/// `<span class="xref" data-cite="C">text</span>` where `keep(n)` is false; `None` unless it
/// holds exactly `count` cited links. Raw HTML in a body is escaped and pulldown-cmark
/// percent-encodes `"` in an href, so `<a href="#…" data-cite="` comes only from cited links.
fn unlink(html: &str, count: usize, keep: impl Fn(usize) -> bool) -> Option<String> {
    // Extracts unlink ~60 MB of HTML at 10,000 directives: a prepared finder is much faster.
    static CITED: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(CITED_OPEN));
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut pos, mut n) = (0, 0, 0);
    while let Some(found) = CITED.find(&html.as_bytes()[pos..]) {
        let start = pos + found;
        let href_end = start + CITED_OPEN.len() + html[start + CITED_OPEN.len()..].find('"')?;
        pos = href_end;
        if !html[href_end..].starts_with(CITE_ATTR) {
            continue;
        }
        let cite_start = href_end + CITE_ATTR.len();
        let cite_end = cite_start + html[cite_start..].find('"')?;
        let text_start = cite_end + html[cite_end..].find('>')? + 1;
        pos = text_start;
        if n >= count {
            return None;
        }
        n += 1;
        if keep(n - 1) {
            continue;
        }
        let text_end = text_start + html[text_start..].find("</a>")?;
        out.push_str(&html[copied..start]);
        out.push_str("<span class=\"xref\" data-cite=\"");
        out.push_str(&html[cite_start..cite_end]);
        out.push_str("\">");
        out.push_str(&html[text_start..text_end]);
        out.push_str("</span>");
        copied = text_end + "</a>".len();
        pos = copied;
    }
    if n != count {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// What the template sees about the document as a whole.
#[derive(Serialize)]
struct PrintDoc<'a> {
    /// `policy` (the whole notice) or `topic`.
    kind: &'static str,
    /// The document title: `<title>` (and so the PDF's title) and the `<h1>`.
    title: String,
    /// The running header of every printed page, as a quoted CSS string.
    running_header_css: String,
    topic: Option<TopicRef<'a>>,
    /// Directives in the document.
    count: usize,
    /// Some caption was written by an editor (the notice gives none).
    has_editorial_titles: bool,
}

/// Makes one site's print documents, sharing notice bodies rendered once, on first use.
pub struct Printer<'r> {
    renderer: &'r Renderer<'r>,
    bodies: OnceLock<PrintBodies>,
    /// The last build's chapters, for a site being edited.
    memo: Option<&'r ChapterMemo>,
}

impl<'r> Printer<'r> {
    pub fn new(renderer: &'r Renderer<'r>) -> Printer<'r> {
        Printer {
            renderer,
            bodies: OnceLock::new(),
            memo: None,
        }
    }

    /// Reuses the chapters in `memo` whose inputs are unchanged, keeping this build's.
    pub fn with_reuse(mut self, memo: &'r ChapterMemo) -> Printer<'r> {
        self.memo = Some(memo);
        self
    }

    /// Renders print document `key` ([`PageKey::Print`] or [`PageKey::TopicPrint`]).
    pub fn render(&self, key: PageKey) -> Result<OutputFile, Diagnostic> {
        let topic = match key {
            PageKey::TopicPrint(t) => Some(t),
            _ => None,
        };
        // Made before the chapters, which render in parallel and would each make them.
        let bodies = self.bodies();
        let path = key.path(self.renderer.site);
        let (_, mut ctx) = page_context(&path);
        self.print_context(&mut ctx, &path, topic)?;
        let directives = match topic {
            Some(t) => &self.renderer.site.topics[t].directives[..],
            None => &[][..],
        };
        let body_bytes: usize = match topic {
            Some(_) => directives.iter().map(|&i| bodies.len(i)).sum(),
            None => (0..bodies.bodies.len()).map(|i| bodies.len(i)).sum(),
        };
        let entries = topic.map_or(self.renderer.site.directives.len(), |_| directives.len());
        let hint = PAGE_SIZE + entries * ENTRY_SIZE + body_bytes;
        self.renderer
            .render_template(key, path, "print.html", ctx, hint)
    }
}

impl PrintBodies {
    /// The length of directive `i`'s body HTML.
    fn len(&self, i: usize) -> usize {
        self.bodies[i].html.len()
    }
}

impl Printer<'_> {
    /// Whether each directive is in the print document of `topic` (`None`: the notice).
    fn print_included(&self, topic: Option<usize>) -> Vec<bool> {
        let mut included = vec![topic.is_none(); self.renderer.site.directives.len()];
        if let Some(t) = topic {
            for &d in &self.renderer.site.topics[t].directives {
                included[d] = true;
            }
        }
        included
    }

    /// Directive `i`'s notice body, with links to directives outside `links`' document unlinked.
    fn print_directive_body(&self, links: &PrintLinks, i: usize) -> Arc<str> {
        let PrintBody { html, cited } = &self.bodies().bodies[i];
        let keep = |n: usize| links.holds(cited[n]);
        // Every link kept: the notice's body as it is (what unlinking would copy).
        if links.whole || (0..cited.len()).all(keep) {
            return Arc::clone(html);
        }
        match unlink(html, cited.len(), keep) {
            Some(unlinked) => unlinked.into(),
            None => {
                let d = &self.renderer.site.directives[i];
                let shape = (d.id.as_str(), DIRECTIVE_HEADING_BASE, true);
                self.print_body("extract", &d.body, shape, links).0
            }
        }
    }

    /// Fills the context of the print document at `path`: the whole notice (`topic` `None`) or
    /// that テーマ's.
    fn print_context(
        &self,
        ctx: &mut tera::Context,
        path: &str,
        topic: Option<usize>,
    ) -> Result<(), Diagnostic> {
        let site = self.renderer.site;
        let included = self.print_included(topic);
        let links = PrintLinks::new(site, &included, topic);
        let notice = &site.notice;
        let (title, header) = match topic {
            None => (notice.title.clone(), notice.title.clone()),
            Some(t) => {
                let name = &site.topics[t].name;
                (
                    format!("{}（テーマ「{name}」抜粋）", notice.title),
                    format!("{}　テーマ「{name}」", notice.title),
                )
            }
        };
        let doc = tera::Value::from_serializable(&PrintDoc {
            kind: if topic.is_some() { "topic" } else { "policy" },
            title: title.clone(),
            running_header_css: css_string(&header),
            topic: topic.map(|t| TopicRef::new(&site.topics[t])),
            count: included.iter().filter(|&&b| b).count(),
            has_editorial_titles: (site.directives.iter().zip(&included))
                .any(|(d, &shown)| shown && d.editorial_title),
        });
        // A テーマ extract shows only the chapters holding its directives.
        let chapters = (0..site.chapters.len())
            .into_par_iter()
            .filter(|&k| {
                topic.is_none() || (site.chapters[k].directives.iter()).any(|&d| included[d])
            })
            .map(|k| self.chapter(path, &doc, k, &links))
            .collect::<Result<Vec<_>, _>>()?;
        if topic.is_none() {
            let shape = ("preamble", 3, false);
            let preamble = self
                .print_body("print.html", &notice.preamble, shape, &links)
                .0;
            ctx.insert("preamble_html", &*preamble);
        }
        ctx.insert_value("doc", doc);
        ctx.insert_value("chapters", chapters.into());
        ctx.insert("page_title", &title);
        Ok(())
    }
}

/// Level of a `#` heading in a directive's print body (the directive itself is an `<h3>`).
const DIRECTIVE_HEADING_BASE: u8 = 4;

impl Printer<'_> {
    /// Renders a body of `doc` with anchors starting `prefix`, and `links`' [`markdown::Answer`]s.
    fn print_body(
        &self,
        doc: &str,
        body: &Body,
        (prefix, heading_base, sub_items): (&str, u8, bool),
        links: &dyn LinkResolver,
    ) -> (Arc<str>, Arc<BodyInputs>) {
        let options = RenderOptions {
            anchor_prefix: prefix,
            heading_base,
            plans: &self.renderer.plans,
            resolver: links,
            sub_items,
        };
        let memo = (self.renderer.reuse).map(|r| (&r.bodies, format!("{doc}#{prefix}")));
        markdown::render_reusing(body, &options, memo)
    }

    /// The [`PrintBodies`], rendered in parallel on first use unless
    /// [`Renderer::seed_print_bodies`] gave them. Rendered outside the lock: work stealing could
    /// hand a rayon worker waiting in `OnceLock::get_or_init` another print document, which would
    /// then wait for ever on the lock that worker holds. Of two concurrent renders the first wins.
    fn bodies(&self) -> &PrintBodies {
        if let Some(bodies) = self.bodies.get() {
            return bodies;
        }
        let included = vec![true; self.renderer.site.directives.len()];
        let links = self.notice_links(&included);
        let bodies = PrintBodies {
            bodies: (0..self.renderer.site.directives.len())
                .into_par_iter()
                .map(|i| self.notice_body(i, &links))
                .collect(),
        };
        self.bodies.get_or_init(|| bodies)
    }

    /// How the whole notice resolves links; `included` is all true.
    fn notice_links<'l>(&'l self, included: &'l [bool]) -> PrintLinks<'l> {
        PrintLinks::new(self.renderer.site, included, None)
    }

    /// Directive `i`'s body as the whole notice prints it.
    fn notice_body(&self, i: usize, links: &PrintLinks) -> PrintBody {
        let d = &self.renderer.site.directives[i];
        let shape = (d.id.as_str(), DIRECTIVE_HEADING_BASE, true);
        let (html, inputs) = self.print_body("notice", &d.body, shape, links);
        // The links given a citation are exactly those rendered `<a … data-cite>`.
        let cited = (inputs.answers.iter()).filter_map(|answer| match answer {
            Answer::Citation(link, Some(_)) => Some(links.locate(link)),
            _ => None,
        });
        PrintBody {
            html,
            cited: cited.collect(),
        }
    }
}

/// `s` as a double-quoted CSS string, safe inside a `<style>` element.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // `<` could close the style element; control characters end the string.
            '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::PlanMatcher;

    /// A print resolver over directives `1-1`…`1-4`: those in `held` get a fragment,
    /// all get a citation; so does chapter 2 when `held` is not empty.
    struct Held(Vec<&'static str>);
    impl LinkResolver for Held {
        fn internal(&self, link: &InternalLink) -> Option<String> {
            match link {
                InternalLink::Directive(id) => {
                    let owner = id.splitn(3, '-').take(2).collect::<Vec<_>>().join("-");
                    self.0.contains(&owner.as_str()).then(|| format!("#d-{id}"))
                }
                InternalLink::Chapter(n) => (!self.0.is_empty()).then(|| format!("#chapter-{n}")),
                _ => None,
            }
        }
        fn plan(&self, _plan: usize) -> Option<String> {
            None
        }
        fn citation(&self, link: &InternalLink) -> Option<String> {
            match link {
                InternalLink::Directive(id) => Some(format!("cite {id}")),
                InternalLink::Chapter(n) => Some(n.to_string()),
                _ => None,
            }
        }
    }

    fn render(body: &str, links: &impl LinkResolver) -> String {
        markdown::render(
            body,
            &RenderOptions {
                anchor_prefix: "1-1",
                heading_base: DIRECTIVE_HEADING_BASE,
                plans: &PlanMatcher::new(["人材育成"]),
                resolver: links,
                sub_items: true,
            },
        )
    }

    /// Unlinking the notice's rendering gives, byte for byte, what rendering for the
    /// extract gives, whichever targets the extract holds.
    #[test]
    fn unlinking_equals_rendering_for_the_extract() {
        let body = "①[前](@1-2 \"題\")と[後](@1-3-1)、[章](@chapter:2)。\n\n\
                    | a | [表](@1-4) |\n|---|---|\n| `<a href=\"#x\" data-cite=\"y\">` | [外](https://example.jp/) |\n\n\
                    [自](#d-1-2) [題付き](#d-1-3 \"t\") <a href=\"#d-1-2\" data-cite=\"z\">生</a> 人材育成[^1]\n\n\
                    [^1]: 注の[リンク](@1-2)";
        let all = Held(vec!["1-1", "1-2", "1-3", "1-4"]);
        let options = RenderOptions {
            anchor_prefix: "1-1",
            heading_base: DIRECTIVE_HEADING_BASE,
            plans: &PlanMatcher::new(["人材育成"]),
            resolver: &all,
            sub_items: true,
        };
        let whole = Body::new(Arc::from(body), 0);
        let (notice, inputs) = markdown::render_reusing(&whole, &options, None);
        let cited: Vec<InternalLink> = (inputs.answers.iter())
            .filter_map(|a| match a {
                Answer::Citation(link, Some(_)) => Some(link.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(cited.len(), 5, "{cited:?}");
        let others = ["1-2", "1-3", "1-4"];
        for mask in 0..8 {
            let mut held = vec!["1-1"];
            held.extend((0..3).filter(|b| mask & (1 << b) != 0).map(|b| others[b]));
            let extract = Held(held);
            let keep = |n: usize| extract.internal(&cited[n]).is_some();
            let unlinked = unlink(&notice, cited.len(), keep).expect("all cited links found");
            assert_eq!(unlinked, render(body, &extract), "held {:?}", extract.0);
        }
        assert_ne!(
            unlink(&notice, cited.len(), |_| false).unwrap(),
            *notice,
            "links were unlinked"
        );
    }

    #[test]
    fn unlink_refuses_a_count_that_does_not_match() {
        let html = "<p><a href=\"#d-1\" data-cite=\"1\">a</a></p>";
        assert_eq!(unlink(html, 0, |_| true), None);
        assert_eq!(unlink(html, 2, |_| true), None);
        assert_eq!(unlink(html, 1, |_| true).as_deref(), Some(html));
        assert_eq!(
            unlink(html, 1, |_| false).as_deref(),
            Some("<p><span class=\"xref\" data-cite=\"1\">a</span></p>")
        );
    }

    #[test]
    fn css_strings_are_quoted_and_escaped() {
        assert_eq!(css_string("運営方針"), "\"運営方針\"");
        assert_eq!(
            css_string("a\"b\\c</style>\n"),
            "\"a\\\"b\\\\c\\3c /style\\3e \\a \""
        );
    }
}
