//! One chapter of a print document: its directives' entries and its `<section>`, rendered by
//! the theme's `print-chapter.html`; `print.html` places it as `c.html`. For a site being
//! edited a chapter is made again only when what it is made from ([`ChapterInputs`]) changed,
//! so an edit renders one chapter of each print document showing the directive, not all.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::{PrintLinks, Printer, chapter_anchor, directive_anchor};
use crate::diag::Diagnostic;
use crate::memo::{Memo, Shared};
use crate::model::Directive;
use crate::render::refs::Model;
use crate::render::{ENTRY_SIZE, page_context};

/// The last build's chapters of print documents (`c` in `print.html`), by document path and
/// chapter anchor, with what each was made from.
pub type ChapterMemo = Memo<Arc<ChapterInputs>, tera::Value>;

/// All that one chapter of a print document is made from.
#[derive(PartialEq)]
pub struct ChapterInputs {
    /// The templates and the site-wide values ([`crate::render::Renderer`]'s hash of them).
    global: u64,
    /// The document's `doc` value.
    doc: tera::Value,
    /// The chapter's `ChapterRef`, and its intro as the notice prints it (empty in extracts).
    chapter: tera::Value,
    intro_html: Shared,
    /// Each directive shown (with its chapter's number) and its body as the notice prints it.
    directives: Vec<(Model, Shared)>,
    /// For each cited link of those bodies in turn: whether it stays a link in this document.
    kept: Vec<bool>,
}

/// A directive's entry in a print document (`d` in `print-chapter.html`).
fn print_entry(d: &Directive, chapter: u32, body_html: &str) -> tera::Value {
    #[derive(Serialize)]
    struct PrintDirective<'a> {
        id: &'a str,
        /// `3(2)`
        citation: String,
        /// `(2)`
        label: String,
        title: &'a str,
        editorial_title: bool,
        anchor: String,
        body_html: &'a str,
    }
    tera::Value::from_serializable(&PrintDirective {
        id: &d.id,
        citation: d.citation(chapter),
        label: d.label(),
        title: &d.title,
        editorial_title: d.editorial_title,
        anchor: directive_anchor(&d.id),
        body_html,
    })
}

impl Printer<'_> {
    /// Chapter `k` of the print document at `path` (its `doc` value, its `links`) as `print.html`
    /// sees it: `chapter`, `anchor`, `intro_html`, `directives` and the rendered `html`.
    pub(super) fn chapter(
        &self,
        path: &str,
        doc: &tera::Value,
        k: usize,
        links: &PrintLinks,
    ) -> Result<tera::Value, Diagnostic> {
        let renderer = self.renderer;
        let c = &renderer.site.chapters[k];
        let shown: Vec<usize> = (c.directives.iter().copied())
            .filter(|&i| links.included[i])
            .collect();
        let anchor = chapter_anchor(c.number);
        // The chapter intro belongs to the whole notice, not to a テーマ extract.
        let intro_html = if links.whole {
            self.print_body("print.html", &c.intro, (&anchor, 3, false), links)
                .0
        } else {
            Arc::from("")
        };
        let bodies = &self.bodies().bodies;
        let inputs = ChapterInputs {
            global: renderer.global,
            doc: doc.clone(),
            chapter: renderer.refs.chapter(k),
            intro_html: Shared(intro_html),
            directives: (shown.iter())
                .map(|&i| (renderer.refs.model(i), Shared(Arc::clone(&bodies[i].html))))
                .collect(),
            kept: (shown.iter().flat_map(|&i| &bodies[i].cited))
                .map(|&cited| links.holds(cited))
                .collect(),
        };
        let key = || format!("{path}#{anchor}");
        let memo = self.memo;
        if let Some(reused) = memo.and_then(|m| m.reuse(&key(), |old| **old == inputs)) {
            return Ok(reused);
        }
        let value = self.make_chapter(path, &anchor, &inputs, &shown, links)?;
        if let Some(memo) = memo {
            memo.keep(key(), Arc::new(inputs), value.clone());
        }
        Ok(value)
    }

    /// The chapter `inputs` describe, showing directives `shown`: its entries, then its `html`
    /// rendered by `print-chapter.html`, which sees it as `c` (and `doc`, `root`, `page_path`).
    fn make_chapter(
        &self,
        path: &str,
        anchor: &str,
        inputs: &ChapterInputs,
        shown: &[usize],
        links: &PrintLinks,
    ) -> Result<tera::Value, Diagnostic> {
        let entries: Vec<tera::Value> = (shown.iter().zip(&inputs.directives))
            .map(|(&i, (model, _))| {
                print_entry(&model.0, model.1, &self.print_directive_body(links, i))
            })
            .collect();
        let mut chapter = BTreeMap::from([
            ("chapter", inputs.chapter.clone()),
            ("anchor", anchor.into()),
            ("intro_html", (*inputs.intro_html).into()),
            ("directives", entries.into()),
        ]);
        let (_, mut ctx) = page_context(path);
        ctx.insert_value("doc", inputs.doc.clone());
        ctx.insert_value("c", chapter.clone().into());
        let bodies: usize = inputs.directives.iter().map(|(_, body)| body.len()).sum();
        let hint = inputs.intro_html.len() + bodies + (shown.len() + 1) * ENTRY_SIZE;
        let html = (self.renderer).render_part("print-chapter.html", &ctx, hint)?;
        chapter.insert("html", html);
        Ok(chapter.into())
    }
}
