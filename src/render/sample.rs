//! What `hoshin check` renders: one page of each shape, and lists of directives cut
//! down to one entry of each shape and the last, so that every branch of the templates
//! runs at a cost that does not grow with the site.

use crate::model::{Directive, Site};
use crate::page::PageKey;

/// One page of every shape, for `hoshin check`: the fixed pages, and for each kind of
/// page the first one of each combination of what its template branches on (empty or
/// not: sub-items, related, backlinks, テーマ, plans, intro, description; first or last).
/// Rendering these finds a template error that depends on which parts a page has,
/// without rendering every page. It can miss an error that depends on a value itself
/// (a filter that fails on one title, an index past the end of one list); `build`
/// renders every page and reports those.
pub fn sample_pages(site: &Site) -> Vec<PageKey> {
    use std::collections::BTreeMap;
    let mut keys = vec![
        PageKey::Home,
        PageKey::Topics,
        PageKey::Plans,
        PageKey::NotFound,
    ];
    fn first_of_each<K: Ord>(n: usize, shape: impl Fn(usize) -> K) -> Vec<usize> {
        let mut seen = BTreeMap::new();
        for i in 0..n {
            seen.entry(shape(i)).or_insert(i);
        }
        seen.into_values().collect()
    }
    let (nc, nd) = (site.chapters.len(), site.directives.len());
    keys.extend(
        first_of_each(nc, |i| {
            (chapter_shape(&site.chapters[i]), i == 0, i + 1 == nc)
        })
        .into_iter()
        .map(PageKey::Chapter),
    );
    keys.extend(
        first_of_each(nd, |i| {
            (directive_shape(&site.directives[i]), i == 0, i + 1 == nd)
        })
        .into_iter()
        .map(PageKey::Directive),
    );
    keys.extend(
        first_of_each(site.topics.len(), |i| {
            let t = &site.topics[i];
            (t.description.is_empty(), t.directives.is_empty())
        })
        .into_iter()
        .map(PageKey::Topic),
    );
    keys.extend(
        first_of_each(site.plans.len(), |i| {
            let p = &site.plans[i];
            (
                p.description.is_empty(),
                p.issued.is_none(),
                p.directives.is_empty(),
                p.chapters.is_empty(),
                site.notice.bases.iter().any(|b| b.plan == i),
            )
        })
        .into_iter()
        .map(PageKey::Plan),
    );
    keys
}

/// What sets one directive's pages apart from another's for the templates: which of its
/// optional parts are empty, and whether its caption is editorial.
pub(crate) fn directive_shape(d: &Directive) -> [bool; 6] {
    [
        d.sub_items.is_empty(),
        d.related.is_empty(),
        d.linked_from.is_empty(),
        d.topics.is_empty(),
        d.plans.is_empty(),
        d.editorial_title,
    ]
}

/// What sets one chapter's entries apart from another's for the templates: which of
/// its intro, references and directives are empty.
pub(crate) fn chapter_shape(c: &crate::model::Chapter) -> [bool; 3] {
    [
        c.intro.markdown().trim().is_empty(),
        c.references.is_empty(),
        c.directives.is_empty(),
    ]
}

/// The entries of a list that grows with the site (a chapter's directives, a テーマ's),
/// as [`Renderer::render_samples`] shows it: the first entry of each shape and the last,
/// in list order. At most a few dozen entries, whatever the size of the site.
pub(crate) fn sample_list(site: &Site, list: &[usize]) -> Vec<usize> {
    first_of_each_shape_and_last(list, |j| directive_shape(&site.directives[j]))
}

/// The entries of `list` whose `shape` no earlier entry has, and the last, in order.
pub(crate) fn first_of_each_shape_and_last<K: std::hash::Hash + Eq>(
    list: &[usize],
    shape: impl Fn(usize) -> K,
) -> Vec<usize> {
    let mut shapes = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (pos, &j) in list.iter().enumerate() {
        if shapes.insert(shape(j)) || pos + 1 == list.len() {
            out.push(j);
        }
    }
    out
}
