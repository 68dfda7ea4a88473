//! From sources to the policy model: parses every file's front matter and body, checks
//! every reference (テーマ, plans, related directives, links by id), and builds the
//! backlinks (related both ways, plans' citing directives, テーマ members).
//!
//! Pure: takes [`Sources`] in memory, returns a [`Site`] or the complete list of
//! problems.

// Internal maps keyed by ids: FxHash is several times faster than SipHash on short keys,
// and none of these maps' order reaches the output.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::Arc;

mod parse;

use rayon::prelude::*;
use serde::Deserialize;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::Sources;
use crate::input::front_matter::{self, IdString, Split, did_you_mean, locate};
use crate::markdown::{self, InternalLink, PlanMatcher, Scan};
use crate::model::date::Date;
use crate::model::{Basis, Body, Chapter, Directive, Notice, Plan, Site, SubItem, Topic};
pub use parse::check_id;
use parse::*;

struct ParsedDirective {
    file_index: usize,
    parsed: Parsed,
}

impl std::ops::Deref for ParsedDirective {
    type Target = Parsed;
    fn deref(&self) -> &Parsed {
        &self.parsed
    }
}

/// Resolves the sources into a [`Site`]. On any error returns `None`; every problem
/// found is in `diags`.
pub fn resolve(sources: &Sources, diags: &mut Diagnostics) -> Option<Site> {
    let topics = sources
        .topics
        .as_ref()
        .map(|f| parse_topics(f, diags))
        .unwrap_or_default();
    let plans = sources
        .plans
        .as_ref()
        .map(|f| parse_plans(f, diags))
        .unwrap_or_default();
    let topic_index: HashMap<&str, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let plan_index: HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let matcher = PlanMatcher::new(plans.iter().map(|p| p.name.as_str()));
    let plan_ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();

    let notice = sources
        .notice
        .as_ref()
        .and_then(|f| parse_notice(f, &plan_index, &plans, &plan_ids, diags));

    // Chapters.
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut chapter_folder: HashMap<std::path::PathBuf, u32> = HashMap::default();
    for file in &sources.chapters {
        let Some(chapter) = parse_chapter(file, &plan_index, &plans, &plan_ids, diags) else {
            continue;
        };
        if let Some(other) = chapters.iter().find(|c| c.number == chapter.number) {
            let split = front_matter::split(file).expect("parsed before");
            let (s, e) = locate(
                split.yaml,
                split.yaml_offset,
                "number",
                Some(&chapter.number.to_string()),
            );
            diags.push(Diagnostic::at(
                file,
                s,
                e,
                format!(
                    "chapter number {} is also used by {}",
                    chapter.number,
                    other.path.display()
                ),
            ));
            continue;
        }
        if let Some(folder) = file.path.parent() {
            chapter_folder.insert(folder.to_path_buf(), chapter.number);
        }
        chapters.push(chapter);
    }
    chapters.sort_by_key(|c| c.number);
    let chapter_index: HashMap<u32, usize> = chapters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.number, i))
        .collect();

    // Directives: each file on its own, in parallel.
    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = sources
        .directives
        .par_iter()
        .map(|file| parse_directive(file, &matcher))
        .collect();
    let mut directives_parsed: Vec<ParsedDirective> = Vec::with_capacity(parsed.len());
    for (file_index, result) in parsed.into_iter().enumerate() {
        match result {
            Ok(parsed) => directives_parsed.push(ParsedDirective { file_index, parsed }),
            Err(ds) => diags.extend(ds),
        }
    }

    // Cross-checks that need every directive.
    let mut seen_ids: HashMap<String, usize> = HashMap::default();
    let mut seen_numbers: HashMap<(u32, u32), usize> = HashMap::default();
    let mut keep = vec![true; directives_parsed.len()];
    for (k, d) in directives_parsed.iter().enumerate() {
        let file = &sources.directives[d.file_index];
        let yaml = &file.text[d.split_yaml.clone()];
        let at = |key: &str, value: Option<&str>| locate(yaml, d.split_yaml.start, key, value);
        let id = &d.front.id.0;
        if let Some(&other) = seen_ids.get(&id.to_ascii_lowercase()) {
            let other = &directives_parsed[other];
            let (s, e) = at("id", Some(id));
            let other_path = sources.directives[other.file_index].path.display();
            let message = if other.front.id.0 == *id {
                format!("duplicate id '{id}': also used by {other_path}")
            } else {
                format!(
                    "id '{id}' differs from '{}' ({other_path}) only in letter case; they collide on Windows file shares",
                    other.front.id.0
                )
            };
            diags.push(Diagnostic::at(file, s, e, message));
            keep[k] = false;
        } else {
            seen_ids.insert(id.to_ascii_lowercase(), k);
        }
        match chapter_index.get(&d.front.chapter) {
            None => {
                let (s, e) = at("chapter", Some(&d.front.chapter.to_string()));
                let known: Vec<String> = chapters.iter().map(|c| c.number.to_string()).collect();
                diags.push(Diagnostic::at(
                    file,
                    s,
                    e,
                    format!(
                        "chapter {} does not exist (chapters: {})",
                        d.front.chapter,
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ),
                ));
                keep[k] = false;
            }
            Some(_) => {
                let folder_number = file.path.parent().and_then(|p| chapter_folder.get(p));
                if let Some(&n) = folder_number
                    && n != d.front.chapter
                {
                    let (s, e) = at("chapter", Some(&d.front.chapter.to_string()));
                    diags.push(Diagnostic::at(
                        file,
                        s,
                        e,
                        format!(
                            "chapter {} does not match the folder, which holds chapter {n}",
                            d.front.chapter
                        ),
                    ));
                    keep[k] = false;
                }
            }
        }
        let key = (d.front.chapter, d.front.number);
        if let Some(&other) = seen_numbers.get(&key) {
            let (s, e) = at("number", Some(&d.front.number.to_string()));
            diags.push(Diagnostic::at(
                file,
                s,
                e,
                format!(
                    "directive number {}({}) is also used by {}",
                    key.0,
                    key.1,
                    sources.directives[directives_parsed[other].file_index]
                        .path
                        .display()
                ),
            ));
        } else {
            seen_numbers.insert(key, k);
        }
    }

    // Policy order.
    let mut order: Vec<usize> = (0..directives_parsed.len()).filter(|&k| keep[k]).collect();
    order.sort_by_key(|&k| {
        (
            directives_parsed[k].front.chapter,
            directives_parsed[k].front.number,
        )
    });
    let directive_by_id: HashMap<String, usize> = order
        .iter()
        .enumerate()
        .map(|(pos, &k)| (directives_parsed[k].front.id.0.clone(), pos))
        .collect();
    // Sub-item anchors, and that they do not collide with directive ids.
    let mut sub_item_owner: HashMap<String, usize> = HashMap::default();
    for (pos, &k) in order.iter().enumerate() {
        let d = &directives_parsed[k];
        for s in &d.scan.sub_items {
            let anchor = format!("{}-{}", d.front.id.0, s.number);
            if directive_by_id.contains_key(&anchor) {
                let file = &sources.directives[d.file_index];
                let r = d.body.offset() + s.range.start;
                diags.push(Diagnostic::at(
                    file,
                    r,
                    r + 3,
                    format!(
                        "sub-item anchor '{anchor}' is also a directive id; rename one of them"
                    ),
                ));
            }
            sub_item_owner.insert(anchor, pos);
        }
    }
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let topic_names: Vec<(&str, &str)> = topics
        .iter()
        .map(|t| (t.name.as_str(), t.id.as_str()))
        .collect();
    let lookup = Lookup {
        topic_index: &topic_index,
        topic_ids: &topic_ids,
        topic_names: &topic_names,
        plans: &plans,
        plan_index: &plan_index,
        plan_ids: &plan_ids,
        chapter_index: &chapter_index,
        directive_by_id: &directive_by_id,
        sub_item_owner: &sub_item_owner,
    };

    // Each directive on its own, in parallel: its references and links checked, its
    // problems kept with it so that they are reported in policy order.
    let built: Vec<ResolvedDirective> = order
        .par_iter()
        .enumerate()
        .map(|(pos, &k)| {
            let d = &directives_parsed[k];
            resolve_directive(&lookup, pos, d, &sources.directives[d.file_index])
        })
        .collect();
    // The parsed front matter and scans are freed on a worker, idle while this thread
    // goes on alone with the backlinks (10 ms of one thread at 10,000 directives).
    rayon::spawn(move || drop(directives_parsed));
    let mut directives: Vec<Directive> = Vec::with_capacity(built.len());
    let mut declared_related: Vec<Vec<usize>> = Vec::with_capacity(built.len());
    let mut links_to: Vec<Vec<usize>> = Vec::with_capacity(built.len());
    for d in built {
        diags.extend(d.problems);
        directives.push(d.directive);
        declared_related.push(d.related);
        links_to.push(d.links_to);
    }

    // Links inside the notice's preamble and chapter intros.
    if let (Some(notice), Some(file)) = (&notice, &sources.notice) {
        check_body_links(file, &notice.preamble, &matcher, &lookup, diags);
    }
    for (chapter, file) in chapters.iter().zip(chapter_files(&chapters, sources)) {
        check_body_links(file, &chapter.intro, &matcher, &lookup, diags);
    }

    if diags.has_errors() {
        return None;
    }
    let notice = notice?;

    // Backlinks.
    let n = directives.len();
    let mut related: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, list) in declared_related.iter().enumerate() {
        for &j in list {
            if !related[i].contains(&j) {
                related[i].push(j);
            }
            if !related[j].contains(&i) {
                related[j].push(i);
            }
        }
    }
    let mut linked_from: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, list) in links_to.iter().enumerate() {
        for &j in list {
            linked_from[j].push(i);
        }
    }
    let mut topics = topics;
    let mut plans = plans;
    for (i, d) in directives.iter_mut().enumerate() {
        related[i].sort_unstable();
        d.related = std::mem::take(&mut related[i]);
        d.linked_from = std::mem::take(&mut linked_from[i]);
        for &t in &d.topics {
            topics[t].directives.push(i);
        }
        for &p in &d.plans {
            plans[p].directives.push(i);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); chapters.len()];
    for (i, d) in directives.iter().enumerate() {
        members[d.chapter].push(i);
    }
    for (ci, (c, list)) in chapters.iter_mut().zip(members).enumerate() {
        c.directives = list;
        for &p in &c.references {
            plans[p].chapters.push(ci);
        }
    }
    Some(Site {
        notice,
        chapters,
        directives,
        topics,
        plans,
        directive_by_id,
    })
}

fn chapter_files<'a>(chapters: &[Chapter], sources: &'a Sources) -> Vec<&'a SourceFile> {
    chapters
        .iter()
        .filter_map(|c| sources.chapters.iter().find(|f| f.path == c.path))
        .collect()
}

/// The indexes a directive's references and links are checked against, made once per
/// resolve from the registries and from every directive, shared by the parallel checks.
struct Lookup<'a> {
    topic_index: &'a HashMap<&'a str, usize>,
    /// テーマ ids in registry order, for hints.
    topic_ids: &'a [&'a str],
    /// `(name, id)` of each テーマ: a name written where the id belongs gets its id as hint.
    topic_names: &'a [(&'a str, &'a str)],
    plans: &'a [Plan],
    plan_index: &'a HashMap<&'a str, usize>,
    plan_ids: &'a [&'a str],
    chapter_index: &'a HashMap<u32, usize>,
    /// Directive id → position in policy order.
    directive_by_id: &'a HashMap<String, usize>,
    /// Sub-item anchor (`3-2-1`) → position of its directive.
    sub_item_owner: &'a HashMap<String, usize>,
}

/// One directive resolved on its own: the [`Directive`] (its `related` and `linked_from`
/// are filled in later, when every directive is known), what it declared and linked to,
/// and the problems found in it.
struct ResolvedDirective {
    directive: Directive,
    /// Positions of the directives its front matter names as `related`.
    related: Vec<usize>,
    /// Positions of the directives its body links to.
    links_to: Vec<usize>,
    problems: Diagnostics,
}

/// Resolves the directive at policy position `pos`, parsed from `file`.
fn resolve_directive(
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
        plain_text: d.scan.plain_text.as_str().into(),
        path: file.path.clone(),
    };
    ResolvedDirective {
        directive,
        related,
        links_to,
        problems,
    }
}

/// Where `key`'s `value` is written in the directive's front matter, as a byte range of
/// the file.
fn front_matter_at(d: &Parsed, file: &SourceFile, key: &str, value: &str) -> (usize, usize) {
    let yaml = &file.text[d.split_yaml.clone()];
    locate(yaml, d.split_yaml.start, key, Some(value))
}

/// The directive's テーマ (indices into the registry), each once; unknown ones reported.
fn topic_list(
    lookup: &Lookup,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let ids = d.front.themes.iter().map(|t| t.0.as_str());
    let unknown = |id: &str, s: usize, e: usize| {
        let hint = lookup
            .topic_names
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(_, id)| *id)
            .or_else(|| did_you_mean(id, lookup.topic_ids.iter().copied()));
        let hint = match hint {
            Some(h) => format!("; did you mean '{h}'?"),
            None => format!(" (known: {})", lookup.topic_ids.join(", ")),
        };
        Diagnostic::at(file, s, e, format!("unknown テーマ '{id}'{hint}"))
    };
    registry_list(ids, lookup.topic_index, (d, file, "themes"), unknown, diags)
}

/// The plans the directive cites in its front matter, then those its text names, each
/// once (indices into the registry); unknown references reported.
fn plan_list(
    lookup: &Lookup,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let ids = d.front.references.iter().map(|p| p.0.as_str());
    let unknown =
        |id: &str, s: usize, e: usize| unknown_plan(file, s, e, id, lookup.plans, lookup.plan_ids);
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

/// The registry entries (indices) of `ids`, listed in the front matter of `d` under
/// `key`, each once in the order written; an id not in `index` is reported with the
/// problem `unknown` makes for it at its place in the file.
fn registry_list<'i>(
    ids: impl Iterator<Item = &'i str>,
    index: &HashMap<&str, usize>,
    (d, file, key): (&Parsed, &SourceFile, &str),
    unknown: impl Fn(&str, usize, usize) -> Diagnostic,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut list = Vec::new();
    for id in ids {
        match index.get(id) {
            Some(&i) if !list.contains(&i) => list.push(i),
            Some(_) => {}
            None => {
                let (s, e) = front_matter_at(d, file, key, id);
                diags.push(unknown(id, s, e));
            }
        }
    }
    list
}

/// The directives the front matter names as `related` (positions), each once; the
/// directive itself and unknown ids reported.
fn related_list(
    lookup: &Lookup,
    pos: usize,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut list = Vec::new();
    for r in &d.front.related {
        match lookup.directive_by_id.get(r.0.as_str()) {
            Some(&j) if j == pos => {
                let (s, e) = front_matter_at(d, file, "related", &r.0);
                diags.push(Diagnostic::at(
                    file,
                    s,
                    e,
                    "a directive cannot be related to itself",
                ));
            }
            Some(&j) => {
                if !list.contains(&j) {
                    list.push(j);
                }
            }
            None => {
                let (s, e) = front_matter_at(d, file, "related", &r.0);
                let hint = did_you_mean(&r.0, sorted_ids([lookup.directive_by_id]))
                    .map(|h| format!("; did you mean '{h}'?"))
                    .unwrap_or_default();
                diags.push(Diagnostic::at(
                    file,
                    s,
                    e,
                    format!("unknown directive id '{}' in related{hint}", r.0),
                ));
            }
        }
    }
    list
}

/// The directive's sub-items; they must be numbered ①, ②, … in order.
fn sub_items(d: &Parsed, file: &SourceFile, diags: &mut Diagnostics) -> Vec<SubItem> {
    let mut list = Vec::new();
    for (i, s) in d.scan.sub_items.iter().enumerate() {
        let expected = i as u32 + 1;
        if s.number != expected {
            let r = d.body.offset() + s.range.start;
            diags.push(Diagnostic::at(
                file,
                r,
                r + 3,
                format!(
                    "sub-item {} where {} was expected: sub-items are numbered ①, ②, … in order",
                    crate::model::circled_digit(s.number).unwrap_or('?'),
                    crate::model::circled_digit(expected).unwrap_or('?')
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

/// The other directives the body links to by id (positions), each once; broken links
/// reported.
fn link_targets(
    lookup: &Lookup,
    pos: usize,
    d: &Parsed,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut targets = Vec::new();
    for (link, range) in &d.scan.links {
        match check_link(link, lookup) {
            Ok(Some(target)) => {
                if target != pos && !targets.contains(&target) {
                    targets.push(target);
                }
            }
            Ok(None) => {}
            Err(message) => diags.push(Diagnostic::at(
                file,
                d.body.offset() + range.start,
                d.body.offset() + range.end,
                message,
            )),
        }
    }
    targets
}

fn check_body_links(
    file: &SourceFile,
    body: &Body,
    matcher: &PlanMatcher,
    lookup: &Lookup,
    diags: &mut Diagnostics,
) {
    let scan = markdown::scan(body.markdown(), matcher);
    for (link, range) in &scan.links {
        if let Err(message) = check_link(link, lookup) {
            diags.push(Diagnostic::at(
                file,
                body.offset() + range.start,
                body.offset() + range.end,
                message,
            ));
        }
    }
    report_body_problems(file, body, &scan, diags);
}

fn report_body_problems(file: &SourceFile, body: &Body, scan: &Scan, diags: &mut Diagnostics) {
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
fn check_link(link: &InternalLink, lookup: &Lookup) -> Result<Option<usize>, String> {
    let Lookup {
        directive_by_id,
        sub_item_owner,
        topic_index,
        plan_index,
        chapter_index,
        ..
    } = *lookup;
    match link {
        InternalLink::Directive(id) => {
            if let Some(&i) = directive_by_id.get(id) {
                Ok(Some(i))
            } else if let Some(&i) = sub_item_owner.get(id) {
                Ok(Some(i))
            } else {
                let hint = did_you_mean(id, sorted_ids([directive_by_id, sub_item_owner]))
                    .map(|h| format!("; did you mean '@{h}'?"))
                    .unwrap_or_default();
                Err(format!(
                    "link to unknown directive or sub-item '@{id}'{hint}"
                ))
            }
        }
        InternalLink::Plan(id) => plan_index
            .contains_key(id.as_str())
            .then_some(None)
            .ok_or_else(|| format!("link to unknown plan '@plan:{id}'")),
        InternalLink::Topic(id) => topic_index
            .contains_key(id.as_str())
            .then_some(None)
            .ok_or_else(|| format!("link to unknown テーマ '@theme:{id}'")),
        InternalLink::Chapter(n) => n
            .parse::<u32>()
            .ok()
            .filter(|n| chapter_index.contains_key(n))
            .map(|_| None)
            .ok_or_else(|| format!("link to unknown chapter '@chapter:{n}'")),
    }
}

/// The keys of `maps`, sorted: "did you mean" takes the first of equally close ids, which
/// must not depend on the order of a hash map.
fn sorted_ids<const N: usize>(maps: [&HashMap<String, usize>; N]) -> Vec<&str> {
    let mut ids: Vec<&str> = maps
        .iter()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_safe_file_names() {
        for ok in ["1-2", "a_b", "v1.10", "3-10"] {
            assert!(check_id(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "..",
            "../x",
            "a/b",
            "a\\b",
            "a\0b",
            ".hidden",
            "con",
            "NUL",
            "com1",
            "lpt9.txt",
            "x.",
            "デジタル",
            "a b",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?} should be refused");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// The documented rule, written independently: 1 to 64 ASCII letters, digits,
        /// `-`, `_` and dots, where dots only separate non-empty parts, and the part
        /// before the first dot is not a Windows device name.
        fn documented_rule(id: &str) -> bool {
            let parts: Vec<&str> = id.split('.').collect();
            let plain = |p: &&str| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            };
            let stem = parts[0].to_ascii_uppercase();
            let device = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
                || (1..=9).any(|n| stem == format!("COM{n}") || stem == format!("LPT{n}"))
                || stem == "COM0"
                || stem == "LPT0";
            id.len() <= 64 && parts.iter().all(plain) && !device
        }

        fn safe_part() -> impl Strategy<Value = String> {
            "[A-Za-z0-9_-]{1,12}"
        }

        /// Ids that start with a digit cannot be device names.
        fn safe_id() -> impl Strategy<Value = String> {
            ("[0-9]", prop::collection::vec(safe_part(), 1..4))
                .prop_map(|(first, parts)| format!("{first}{}", parts.join(".")))
                .prop_filter("at most 64 characters", |id| id.len() <= 64)
        }

        proptest! {
            #[test]
            fn check_id_is_the_documented_rule(
                id in r"([a-zA-Z0-9._/\\ -]|\x00|CON|nul|Com7|lpt0|あ|\.\.){0,24}"
            ) {
                prop_assert_eq!(check_id(&id).is_ok(), documented_rule(&id), "{:?}", id);
            }

            #[test]
            fn ids_longer_than_64_are_refused(id in "[0-9][a-z0-9]{55,70}") {
                prop_assert_eq!(check_id(&id).is_ok(), id.len() <= 64);
            }

            #[test]
            fn safe_ids_are_accepted(id in safe_id()) {
                prop_assert_eq!(check_id(&id), Ok(()));
            }

            #[test]
            fn unsafe_ids_are_refused(
                before in "[a-z0-9-]{0,8}",
                bad in prop_oneof![Just("/"), Just("\\"), Just("\0"), Just(".."), Just("../")],
                after in "[a-z0-9-]{0,8}",
            ) {
                let id = format!("{before}{bad}{after}");
                prop_assert!(check_id(&id).is_err(), "{:?}", id);
            }

            #[test]
            fn hidden_ids_are_refused(id in safe_id()) {
                let hidden = format!(".{id}");
                prop_assert!(check_id(&hidden).is_err());
            }

            #[test]
            fn device_names_are_refused(
                name in prop_oneof![Just("con"), Just("PRN"), Just("Aux"), Just("nul"), Just("COM1"), Just("lpt9")],
                ext in prop::option::of("[a-z]{1,3}"),
            ) {
                let id = match ext {
                    Some(ext) => format!("{name}.{ext}"),
                    None => name.to_string(),
                };
                prop_assert!(check_id(&id).is_err(), "{:?}", id);
            }
        }
    }
}
