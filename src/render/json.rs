//! `policy.json`: the whole notice as data, for other systems. Serialized with serde_json's
//! pretty printer; keys are alphabetical at every level (as `serde_json::json!` maps order
//! them), kept by declaring struct fields in that order. For a site being edited each
//! directive's row is printed on its own and placed as it is, and the last build's is reused
//! while the directive and the ids it names are unchanged ([`RowMemo`]).

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use crate::markdown;
use crate::memo::{self, Memo};
use crate::model::{Directive, Site};
use crate::page::{chapter_url, directive_url, plan_url, topic_url};
use crate::render::Renderer;
use crate::render::refs::Model;

/// The last build's directive rows, by id, with what each was made from: the directive with
/// its chapter's number, and the ids of the directives, plans and テーマ it names.
pub type RowMemo = Memo<Arc<(Model, Vec<String>)>, Arc<Box<RawValue>>>;

/// The document. Fields in alphabetical order (see the module documentation).
#[derive(Serialize)]
struct PolicyJson<'a> {
    addressee: &'a str,
    bases: Vec<Value>,
    chapters: Vec<Value>,
    directives: Vec<Row<'a>>,
    fiscal_year: u16,
    format: &'static str,
    issued: String,
    issued_wareki: String,
    issuer: &'a str,
    plans: Vec<Value>,
    preamble: String,
    themes: Vec<Value>,
    title: &'a str,
}

/// A directive's row in the document: serialized there (a one-off build), or printed apart
/// and kept for the next build of a site being edited ([`RowMemo`]).
#[derive(Serialize)]
#[serde(untagged)]
enum Row<'a> {
    Fresh(Box<DirectiveJson<'a>>),
    Kept(Arc<Box<RawValue>>),
}

/// A directive's row.
#[derive(Serialize)]
struct DirectiveJson<'a> {
    chapter: u32,
    citation: String,
    editorial_title: bool,
    id: &'a str,
    linked_from: Vec<&'a str>,
    number: u32,
    references: Vec<&'a str>,
    related: Vec<&'a str>,
    sub_items: Vec<SubItemJson<'a>>,
    text: &'a str,
    themes: Vec<&'a str>,
    title: &'a str,
    url: String,
}

/// A sub-item inside a [`DirectiveJson`] row.
#[derive(Serialize)]
struct SubItemJson<'a> {
    anchor: &'a str,
    citation: String,
    marker: String,
    number: u32,
    text: &'a str,
}

/// The ids of directives `list`.
fn ids<'s>(site: &'s Site, list: &[usize]) -> Vec<&'s str> {
    (list.iter())
        .map(|&j| site.directives[j].id.as_str())
        .collect()
}

/// The ids directive `i` names, in the order its row shows them: the directives linking to
/// it, its related directives, its plans, its テーマ.
fn named_ids(site: &Site, i: usize) -> impl Iterator<Item = &str> {
    let d = &site.directives[i];
    let directive = |&j: &usize| site.directives[j].id.as_str();
    (d.linked_from.iter().chain(&d.related).map(directive))
        .chain(d.plans.iter().map(|&p| site.plans[p].id.as_str()))
        .chain(d.topics.iter().map(|&t| site.topics[t].id.as_str()))
}

/// Directive `d`'s row.
fn directive_json<'s>(site: &'s Site, d: &'s Directive) -> DirectiveJson<'s> {
    let citation = site.citation(d);
    DirectiveJson {
        chapter: site.chapter_of(d).number,
        editorial_title: d.editorial_title,
        id: &d.id,
        linked_from: ids(site, &d.linked_from),
        number: d.number,
        references: d.plans.iter().map(|&p| site.plans[p].id.as_str()).collect(),
        related: ids(site, &d.related),
        sub_items: (d.sub_items.iter())
            .map(|s| SubItemJson {
                anchor: &s.anchor,
                citation: format!("{citation}{}", s.marker()),
                marker: s.marker().to_string(),
                number: s.number,
                text: &s.text,
            })
            .collect(),
        text: &d.plain_text,
        themes: (d.topics.iter())
            .map(|&t| site.topics[t].id.as_str())
            .collect(),
        title: &d.title,
        url: directive_url(&d.id),
        citation,
    }
}

/// Directive `i`'s row; for a site being edited, the last build's if made from the same
/// directive naming the same ids.
fn row<'s>(renderer: &Renderer<'s>, i: usize) -> Row<'s> {
    let site = renderer.site;
    let d = &site.directives[i];
    let Some(reuse) = renderer.reuse else {
        return Row::Fresh(Box::new(directive_json(site, d)));
    };
    let model = renderer.refs.model(i);
    let same = |old: &Arc<(Model, Vec<String>)>| {
        old.0 == model && old.1.iter().map(String::as_str).eq(named_ids(site, i))
    };
    let make = || {
        // Printed on its own, then indented to its depth in the document (two levels): a JSON
        // string holds no line break.
        let json = serde_json::to_string_pretty(&directive_json(site, d));
        let json = json.expect("JSON values serialize").replace('\n', "\n    ");
        let row = RawValue::from_string(json).expect("serde_json prints JSON");
        let inputs = (
            Arc::clone(&model),
            named_ids(site, i).map(String::from).collect(),
        );
        (Arc::new(inputs), Arc::new(row))
    };
    Row::Kept(memo::reuse_or_make(
        Some(&reuse.rows),
        || d.id.clone(),
        same,
        make,
    ))
}

/// The bytes of `policy.json` for the site `renderer` renders.
pub fn policy_json(renderer: &Renderer) -> Vec<u8> {
    let site = renderer.site;
    let ids = |list: &[usize]| ids(site, list);
    let directives = (0..site.directives.len())
        .into_par_iter()
        .map(|i| row(renderer, i))
        .collect();
    let n = &site.notice;
    let doc = PolicyJson {
        addressee: &n.addressee,
        bases: (n.bases.iter())
            .map(|b| {
                json!({
                    "plan": site.plans[b.plan].id,
                    "name": site.plans[b.plan].name,
                    "date": b.date.to_string(),
                })
            })
            .collect(),
        chapters: (site.chapters.iter())
            .map(|c| {
                json!({
                    "number": c.number,
                    "title": c.title,
                    "url": chapter_url(c.number),
                    "references": c.references.iter().map(|&p| &site.plans[p].id).collect::<Vec<_>>(),
                    "directives": ids(&c.directives),
                })
            })
            .collect(),
        directives,
        fiscal_year: n.fiscal_year,
        format: "hoshin-policy/1",
        issued: n.issued.to_string(),
        issued_wareki: n.issued.wareki(),
        issuer: &n.issuer,
        plans: (site.plans.iter())
            .map(|p| {
                json!({
                    "id": p.id,
                    "name": p.name,
                    "issued": p.issued.map(|d| d.to_string()),
                    "description": p.description,
                    "url": plan_url(&p.id),
                    "directives": ids(&p.directives),
                })
            })
            .collect(),
        preamble: markdown::plain_text(n.preamble.markdown()),
        themes: (site.topics.iter())
            .map(|t| {
                json!({
                    "id": t.id,
                    "name": t.name,
                    "description": t.description,
                    "url": topic_url(&t.id),
                    "directives": ids(&t.directives),
                })
            })
            .collect(),
        title: &n.title,
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("JSON values serialize");
    out.push(b'\n');
    out
}
