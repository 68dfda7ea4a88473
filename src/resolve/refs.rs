//! Checking one directive against the site: its テーマ, plans and related directives exist,
//! its links by id resolve (with "did you mean"), its sub-items are numbered.

use super::*;

/// Indexes to check a directive's references and links against; made once per resolve, shared.
pub(super) struct Lookup<'a> {
    pub(super) topic_index: &'a HashMap<&'a str, usize>,
    /// テーマ ids in registry order, for hints.
    pub(super) topic_ids: &'a [&'a str],
    /// `(name, id)` of each テーマ: a name written where the id belongs gets its id as hint.
    pub(super) topic_names: &'a [(&'a str, &'a str)],
    pub(super) plans: &'a [Plan],
    pub(super) plan_index: &'a HashMap<&'a str, usize>,
    pub(super) plan_ids: &'a [&'a str],
    pub(super) chapter_index: &'a HashMap<u32, usize>,
    /// Directive id → position in policy order.
    pub(super) directive_by_id: &'a HashMap<String, usize>,
    /// Sub-item anchor (`3-2-1`) → position of its directive.
    pub(super) sub_item_owner: &'a HashMap<String, usize>,
    pub(super) unreadable: &'a Unreadable,
}

/// What could not be read for its own errors: problems that only follow from it (every
/// テーマ unknown when topics.yaml is broken, links to a directive whose file is) are left
/// out, so that the cause is what the report shows.
#[derive(Default)]
pub(super) struct Unreadable {
    /// Ids of directives left out for errors of their own or of their chapter's file (for a
    /// file that could not be parsed, its name).
    pub(super) directives: std::collections::HashSet<String>,
    pub(super) topics: bool,
    pub(super) plans: bool,
}

impl Unreadable {
    /// Whether `id` (a directive's, or a sub-item's `<directive>-<n>`) is of a directive left out.
    fn directive(&self, id: &str) -> bool {
        self.directives.contains(id)
            || id
                .rsplit_once('-')
                .is_some_and(|(owner, _)| self.directives.contains(owner))
    }
}

/// One directive resolved alone: the [`Directive`] (`related`, `linked_from` filled in once all
/// are known), what it declared and linked to, and its problems.
pub(super) struct ResolvedDirective {
    pub(super) directive: Directive,
    /// Positions of the directives its front matter names as `related`.
    pub(super) related: Vec<usize>,
    /// Positions of the directives its body links to.
    pub(super) links_to: Vec<usize>,
    pub(super) problems: Diagnostics,
}

/// Resolves the directive at policy position `pos`, parsed from `file`.
pub(super) fn resolve_directive(
    lookup: &Lookup,
    pos: usize,
    d: &Parsed,
    file: &SourceFile,
) -> ResolvedDirective {
    let mut problems = Diagnostics::new();
    let topics = topic_list(lookup, d, file, &mut problems);
    let plans = plan_list(lookup, d, file, &mut problems);
    let related = related_list(lookup, pos, d, file, &mut problems);
    let sub_items = sub_items(d, file, &mut problems);
    let links_to = link_targets(lookup, pos, d, file, &mut problems);
    report_body_problems(file, &d.body, &d.scan, &mut problems);
    if d.front.draft {
        let yaml = &file.text[d.split_yaml.clone()];
        let (s, e) = crate::input::front_matter::locate(yaml, d.split_yaml.start, "draft", None);
        let check = match (d.front.editorial_title, d.front.themes.is_empty()) {
            (true, true) => "caption-and-topics",
            (true, false) => "caption",
            (false, true) => "topics",
            (false, false) => "all",
        };
        let message = crate::t!("directive-draft", check = check);
        problems.push(Diagnostic::at(file, s, e, message).warning());
    }
    let directive = Directive {
        id: d.front.id.0.clone(),
        chapter: lookup.chapter_index[&d.front.chapter],
        number: d.front.number,
        title: d.front.title.trim().to_string(),
        editorial_title: d.front.editorial_title,
        topics,
        plans,
        related: Vec::new(),
        linked_from: Vec::new(),
        sub_items,
        body: d.body.clone(),
        plain_text: d.scan.plain_text.clone(),
        path: file.path.clone(),
    };
    ResolvedDirective {
        directive,
        related,
        links_to,
        problems,
    }
}

/// A problem at `key`'s `value` in the directive's front matter.
pub(super) fn front_matter_at(
    d: &Parsed,
    file: &SourceFile,
    key: &str,
    value: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let yaml = &file.text[d.split_yaml.clone()];
    let (s, e) = locate(yaml, d.split_yaml.start, key, Some(value));
    Diagnostic::at(file, s, e, message)
}

/// The directive's テーマ (indices into the registry), each once; unknown ones reported.
pub(super) fn topic_list(
    lookup: &Lookup,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let ids = d.front.themes.iter().map(|t| t.0.as_str());
    let unknown = |id: &str| {
        let hint = lookup
            .topic_names
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(_, id)| *id)
            .or_else(|| did_you_mean(id, lookup.topic_ids.iter().copied()));
        match hint {
            Some(h) => crate::t!("topic-unknown-did-you-mean", id = id, suggestion = h),
            None => crate::t!(
                "topic-unknown",
                id = id,
                known = lookup.topic_ids.join(", "),
                list = lookup.topic_ids.join("、"),
                count = lookup.topic_ids.len()
            ),
        }
    };
    let unknown = |id: &str| (!lookup.unreadable.topics).then(|| unknown(id));
    registry_list(ids, lookup.topic_index, (d, file, "themes"), unknown, diags)
}

/// Plans the front matter cites, then those the text names, once each; unknown ones reported.
pub(super) fn plan_list(
    lookup: &Lookup,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let ids = d.front.references.iter().map(|p| p.0.as_str());
    let unknown = |id: &str| {
        (!lookup.unreadable.plans).then(|| unknown_plan(id, lookup.plans, lookup.plan_ids))
    };
    let mut list = registry_list(
        ids,
        lookup.plan_index,
        (d, file, "references"),
        unknown,
        diags,
    );
    for &m in &d.scan.mentions {
        if !list.contains(&m) {
            list.push(m);
        }
    }
    list
}

/// The registry indices of `ids` (`d`'s front-matter `key`), each once, in order written; an
/// id not in `index` is reported at its place with the message `unknown` makes.
pub(super) fn registry_list<'i>(
    ids: impl Iterator<Item = &'i str>,
    index: &HashMap<&str, usize>,
    (d, file, key): (&Parsed, &SourceFile, &str),
    unknown: impl Fn(&str) -> Option<String>,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut list = Vec::new();
    for id in ids {
        match index.get(id) {
            Some(&i) if !list.contains(&i) => list.push(i),
            Some(_) => {}
            None => {
                if let Some(message) = unknown(id) {
                    diags.push(front_matter_at(d, file, key, id, message));
                }
            }
        }
    }
    list
}

/// The `related` directives (positions), each once; the directive itself and unknown ids reported.
pub(super) fn related_list(
    lookup: &Lookup,
    pos: usize,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut list = Vec::new();
    for r in &d.front.related {
        match lookup.directive_by_id.get(r.0.as_str()) {
            Some(&j) if j == pos => diags.push(front_matter_at(
                d,
                file,
                "related",
                &r.0,
                crate::t!("related-self"),
            )),
            Some(&j) if !list.contains(&j) => list.push(j),
            Some(_) => {}
            None if lookup.unreadable.directive(&r.0) => {}
            None => {
                let message = match did_you_mean(&r.0, sorted_ids([lookup.directive_by_id])) {
                    Some(h) => crate::t!("related-unknown-did-you-mean", id = &r.0, suggestion = h),
                    None => crate::t!("related-unknown", id = &r.0),
                };
                diags.push(front_matter_at(d, file, "related", &r.0, message));
            }
        }
    }
    list
}

/// The directive's sub-items; they must be numbered ①, ②, … in order.
pub(super) fn sub_items(d: &Parsed, file: &SourceFile, diags: &mut Diagnostics) -> Vec<SubItem> {
    let mut list = Vec::new();
    for (i, s) in d.scan.sub_items.iter().enumerate() {
        let expected = i as u32 + 1;
        if s.number != expected {
            let r = d.body.offset() + s.range.start;
            diags.push(Diagnostic::at(
                file,
                r,
                r + 3,
                crate::t!(
                    "sub-item-order",
                    found = crate::model::circled_digit(s.number)
                        .unwrap_or('?')
                        .to_string(),
                    expected = crate::model::circled_digit(expected)
                        .unwrap_or('?')
                        .to_string()
                ),
            ));
        }
        list.push(SubItem {
            number: s.number,
            anchor: format!("{}-{}", d.front.id.0, s.number),
            text: s.text.trim().to_string(),
        });
    }
    list
}

/// The other directives the body links to by id (positions), once each; broken links reported.
pub(super) fn link_targets(
    lookup: &Lookup,
    pos: usize,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut targets = Vec::new();
    for target in linked_directives(file, &d.body, &d.scan, lookup, diags) {
        if target != pos && !targets.contains(&target) {
            targets.push(target);
        }
    }
    targets
}

/// The directives (positions) the links by id of a scanned body point to, in order, repeats
/// included; broken links reported.
fn linked_directives(
    file: &SourceFile,
    body: &Body,
    scan: &Scan,
    lookup: &Lookup,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut targets = Vec::new();
    for (link, range) in &scan.links {
        match check_link(link, lookup) {
            Ok(target) => targets.extend(target),
            Err(message) => diags.push(Diagnostic::at(
                file,
                body.offset() + range.start,
                body.offset() + range.end,
                message,
            )),
        }
    }
    targets
}

pub(super) fn check_body_links(
    file: &SourceFile,
    body: &Body,
    matcher: &PlanMatcher,
    lookup: &Lookup,
    diags: &mut Diagnostics,
) {
    let scan = markdown::scan(body.markdown(), matcher);
    linked_directives(file, body, &scan, lookup, diags);
    report_body_problems(file, body, &scan, diags);
}

pub(super) fn report_body_problems(
    file: &SourceFile,
    body: &Body,
    scan: &Scan,
    diags: &mut Diagnostics,
) {
    for p in &scan.problems {
        let d = Diagnostic::at(
            file,
            body.offset() + p.range.start,
            body.offset() + p.range.end,
            &p.message,
        );
        diags.push(if p.is_error { d } else { d.warning() });
    }
}

/// Checks a link by id; returns the linked directive's index when it is one.
pub(super) fn check_link(link: &InternalLink, lookup: &Lookup) -> Result<Option<usize>, String> {
    let Lookup {
        directive_by_id,
        sub_item_owner,
        topic_index,
        plan_index,
        chapter_index,
        ..
    } = *lookup;
    match link {
        InternalLink::Directive(id) => match directive_by_id.get(id).or(sub_item_owner.get(id)) {
            Some(&i) => Ok(Some(i)),
            None if lookup.unreadable.directive(id) => Ok(None),
            None => Err(
                match did_you_mean(id, sorted_ids([directive_by_id, sub_item_owner])) {
                    Some(h) => crate::t!(
                        "link-unknown-directive-did-you-mean",
                        id = id,
                        suggestion = h
                    ),
                    None => crate::t!("link-unknown-directive", id = id),
                },
            ),
        },
        InternalLink::Plan(id) => plan_index
            .contains_key(id.as_str())
            .then_some(None)
            .ok_or_else(|| crate::t!("link-unknown-plan", id = id)),
        InternalLink::Topic(id) => topic_index
            .contains_key(id.as_str())
            .then_some(None)
            .ok_or_else(|| crate::t!("link-unknown-topic", id = id)),
        InternalLink::Chapter(n) => n
            .parse::<u32>()
            .ok()
            .filter(|n| chapter_index.contains_key(n))
            .map(|_| None)
            .ok_or_else(|| crate::t!("link-unknown-chapter", chapter = n)),
    }
}

/// The keys of `maps`, sorted: "did you mean" takes the first of equally close ids, which
/// must not depend on the order of a hash map.
pub(super) fn sorted_ids<const N: usize>(maps: [&HashMap<String, usize>; N]) -> Vec<&str> {
    let mut ids: Vec<&str> = maps
        .iter()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids
}
