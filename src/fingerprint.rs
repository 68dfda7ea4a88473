//! What each page is made of, as a hash: a page whose fingerprint did not change between
//! two versions of a [`Site`] renders to the same bytes, so a rebuild re-renders only the
//! pages whose fingerprint changed.
//!
//! Each fingerprint covers exactly the model data that [`crate::render`] puts into that
//! page's template context (through the view structs of [`crate::view`]). When a page
//! starts showing something new, its fingerprint here must include it; the incremental
//! test in the test suite (rebuild == clean build, byte for byte) guards this.
//!
//! Data every page shows (the notice's header fields, the site config) and data that
//! decides how any body renders (plan names, which テーマ, plans and chapters exist) form
//! the [`global`] fingerprint: when it changes, every page is re-rendered.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::config::Config;
use crate::model::{Directive, Site};
use crate::render::{PageKey, all_pages};

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Everything that every page depends on.
pub fn global(site: &Site, config: &Config) -> u64 {
    let n = &site.notice;
    hash_of((
        format!("{config:?}"),
        (&n.title, n.fiscal_year, n.issued.to_string()),
        (&n.issuer, &n.addressee),
        site.plans
            .iter()
            .map(|p| (&p.id, &p.name))
            .collect::<Vec<_>>(),
        site.topics.iter().map(|t| &t.id).collect::<Vec<_>>(),
        site.chapters.iter().map(|c| c.number).collect::<Vec<_>>(),
    ))
}

/// How a directive's body is identified: by a hash of its file's text, kept from when
/// the file was parsed, so that unchanged bodies are not hashed again on every rebuild.
pub type BodySig<'a> = &'a (dyn Fn(&Directive) -> u64 + Sync);

/// Identifies a body by hashing its text.
pub fn hash_body(d: &Directive) -> u64 {
    hash_of(d.body.markdown())
}

/// Fingerprint of each directive's entry in `policy.json`, in site order.
pub fn directive_entries(site: &Site, body: BodySig) -> Vec<u64> {
    let ids = |list: &[usize]| -> Vec<&str> {
        list.iter()
            .map(|&j| site.directives[j].id.as_str())
            .collect()
    };
    site.directives
        .par_iter()
        .map(|d| {
            let subs: Vec<_> = d
                .sub_items
                .iter()
                .map(|s| (s.number, &s.anchor, &s.text))
                .collect();
            hash_of((
                (&d.id, site.chapter_of(d).number, d.number, &d.title),
                (d.editorial_title, body(d), subs),
                d.topics
                    .iter()
                    .map(|&t| &site.topics[t].id)
                    .collect::<Vec<_>>(),
                d.plans
                    .iter()
                    .map(|&p| &site.plans[p].id)
                    .collect::<Vec<_>>(),
                ids(&d.related),
                ids(&d.linked_from),
            ))
        })
        .collect()
}

/// Pages that show the text of many directives (the print documents): rendered again on
/// every change instead of being fingerprinted.
pub fn always_rendered(key: PageKey) -> bool {
    matches!(key, PageKey::Print | PageKey::TopicPrint(_))
}

/// Fingerprint of every page of `site` (not counting [`global`]), by output path.
/// `policy.json` shows everything and is not listed: it is re-rendered on every change.
pub fn pages(site: &Site, body: BodySig) -> HashMap<String, u64> {
    // What other pages show about each item (`*Ref` and `TocEntry` views).
    let dref: Vec<u64> = site
        .directives
        .iter()
        .map(|d| hash_of((&d.id, site.chapter_of(d).number, d.number, &d.title)))
        .collect();
    let toc: Vec<u64> = site
        .directives
        .iter()
        .zip(&dref)
        .map(|(d, r)| {
            let subs: Vec<_> = d
                .sub_items
                .iter()
                .map(|s| (s.number, &s.anchor, &s.text))
                .collect();
            hash_of((r, subs))
        })
        .collect();
    let chapter_ref: Vec<u64> = site
        .chapters
        .iter()
        .map(|c| hash_of((c.number, &c.title, c.directives.len())))
        .collect();
    let topic_ref: Vec<u64> = site
        .topics
        .iter()
        .map(|t| hash_of((&t.id, &t.name, &t.description, t.directives.len())))
        .collect();
    let plan_ref: Vec<u64> = site
        .plans
        .iter()
        .map(|p| {
            hash_of((
                &p.id,
                &p.name,
                &p.description,
                p.issued.map(|d| d.to_string()),
                p.directives.len(),
            ))
        })
        .collect();
    let pick =
        |sigs: &[u64], list: &[usize]| -> Vec<u64> { list.iter().map(|&i| sigs[i]).collect() };
    let chapter_drefs: Vec<u64> = site
        .chapters
        .iter()
        .map(|c| hash_of(pick(&dref, &c.directives)))
        .collect();
    let chapter_tocs: Vec<u64> = site
        .chapters
        .iter()
        .map(|c| hash_of(pick(&toc, &c.directives)))
        .collect();

    let directive_page = |i: usize, d: &Directive| -> u64 {
        hash_of((
            (toc[i], d.editorial_title, body(d), &d.path),
            (chapter_ref[d.chapter], chapter_drefs[d.chapter]),
            pick(&topic_ref, &d.topics),
            pick(&plan_ref, &d.plans),
            pick(&dref, &d.related),
            pick(&dref, &d.linked_from),
            i.checked_sub(1).map(|j| dref[j]),
            dref.get(i + 1),
        ))
    };
    let mut out: HashMap<String, u64> = site
        .directives
        .par_iter()
        .enumerate()
        .map(|(i, d)| (PageKey::Directive(i).path(site), directive_page(i, d)))
        .collect();

    for key in all_pages(site) {
        let sig = match key {
            PageKey::Directive(_) | PageKey::PolicyJson => continue,
            PageKey::Print | PageKey::TopicPrint(_) => continue,
            PageKey::Accessibility | PageKey::Search => 0,
            PageKey::Home => {
                let n = &site.notice;
                hash_of((
                    n.bases
                        .iter()
                        .map(|b| (plan_ref[b.plan], b.date.to_string()))
                        .collect::<Vec<_>>(),
                    n.preamble.markdown(),
                    &chapter_ref,
                    &chapter_tocs,
                    &topic_ref,
                ))
            }
            PageKey::Chapter(i) => {
                let c = &site.chapters[i];
                hash_of((
                    chapter_ref[i],
                    c.intro.markdown(),
                    chapter_tocs[i],
                    pick(&plan_ref, &c.references),
                    i.checked_sub(1).map(|j| chapter_ref[j]),
                    chapter_ref.get(i + 1),
                ))
            }
            PageKey::Topics => hash_of(
                site.topics
                    .iter()
                    .zip(&topic_ref)
                    .map(|(t, r)| (r, pick(&dref, &t.directives)))
                    .collect::<Vec<_>>(),
            ),
            PageKey::Topic(i) => hash_of((topic_ref[i], pick(&toc, &site.topics[i].directives))),
            PageKey::Plans => hash_of(&plan_ref),
            PageKey::Plan(i) => {
                let p = &site.plans[i];
                let basis = site
                    .notice
                    .bases
                    .iter()
                    .find(|b| b.plan == i)
                    .map(|b| b.date.to_string());
                hash_of((
                    plan_ref[i],
                    pick(&dref, &p.directives),
                    pick(&chapter_ref, &p.chapters),
                    basis,
                ))
            }
            PageKey::NotFound => 0,
        };
        out.insert(key.path(site), sig);
    }
    out
}
