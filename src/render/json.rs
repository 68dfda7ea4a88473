//! `policy.json`: the whole notice as data, for other systems. Pure: model in, bytes out.
//! Serialized in one pass with serde_json's pretty printer; keys are alphabetical at every level
//! (as `serde_json::json!` maps order them), kept by declaring struct fields in that order.

use serde::Serialize;
use serde_json::{Value, json};

use crate::markdown;
use crate::model::Site;
use crate::page::{chapter_url, directive_url, plan_url, topic_url};

/// The document. Fields in alphabetical order (see the module documentation).
#[derive(Serialize)]
struct PolicyJson<'a> {
    addressee: &'a str,
    bases: Vec<Value>,
    chapters: Vec<Value>,
    directives: Vec<DirectiveJson<'a>>,
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

/// The bytes of `policy.json` for `site`.
pub fn policy_json(site: &Site) -> Vec<u8> {
    let ids = |list: &[usize]| -> Vec<&str> {
        (list.iter())
            .map(|&j| site.directives[j].id.as_str())
            .collect()
    };
    let directives = (site.directives.iter())
        .map(|d| {
            let citation = site.citation(d);
            DirectiveJson {
                chapter: site.chapter_of(d).number,
                editorial_title: d.editorial_title,
                id: &d.id,
                linked_from: ids(&d.linked_from),
                number: d.number,
                references: d.plans.iter().map(|&p| site.plans[p].id.as_str()).collect(),
                related: ids(&d.related),
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
                themes: d
                    .topics
                    .iter()
                    .map(|&t| site.topics[t].id.as_str())
                    .collect(),
                title: &d.title,
                url: directive_url(&d.id),
                citation,
            }
        })
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
