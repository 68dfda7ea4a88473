//! From sources to the policy model: parses every file, checks every reference (テーマ, plans,
//! related directives, links by id) and builds the backlinks. Pure: [`Sources`] in memory in,
//! a [`Site`] or the complete list of problems out.

// Id-keyed maps: FxHash beats SipHash on short keys, and no map's order reaches the output.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::Arc;

mod parse;
mod refs;

use rayon::prelude::*;
use serde::Deserialize;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::Sources;
use crate::input::front_matter::{self, IdString, Split, did_you_mean, locate};
use crate::markdown::{self, InternalLink, PlanMatcher, Scan};
use crate::memo::{self, Memo, Shared};
use crate::model::date::Date;
use crate::model::{Basis, Body, Chapter, Directive, Notice, Plan, Site, SubItem, Topic};
pub use parse::check_id;
use parse::*;
use refs::*;

/// A parsed directive and the index of its file in [`Sources::directives`].
struct ParsedDirective {
    file_index: usize,
    parsed: Arc<ParseResult>,
}

impl std::ops::Deref for ParsedDirective {
    type Target = Parsed;
    fn deref(&self) -> &Parsed {
        (*self.parsed)
            .as_ref()
            .expect("only parsed directives are kept")
    }
}

type ParseResult = Result<Parsed, Vec<Diagnostic>>;

/// Directive files parsed by the last build, by path ([`crate::memo`]): one is reparsed only
/// when its text or the plan names (whose mentions parsing finds) changed.
#[derive(Default)]
pub struct ParseMemo(Memo<(Shared, u64), Arc<ParseResult>>);

impl ParseMemo {
    /// Ends a build: see [`Memo::end_build`].
    pub fn end_build(&mut self, succeeded: bool) {
        self.0.end_build(succeeded);
    }
}

/// Resolves the sources into a [`Site`]; `None` on any error, every problem in `diags`.
pub fn resolve(sources: &Sources, diags: &mut Diagnostics) -> Option<Site> {
    resolve_reusing(sources, diags, None)
}

/// [`resolve`], reusing the parses kept in `memo` and keeping this build's there.
pub fn resolve_reusing(
    sources: &Sources,
    diags: &mut Diagnostics,
    memo: Option<&ParseMemo>,
) -> Option<Site> {
    let mut unreadable = refs::Unreadable::default();
    let errors_before = diags.error_count();
    let topics = sources
        .topics
        .as_ref()
        .map(|f| parse_topics(f, diags))
        .unwrap_or_default();
    unreadable.topics = topics.is_empty() && diags.error_count() > errors_before;
    let errors_before = diags.error_count();
    let plans = sources
        .plans
        .as_ref()
        .map(|f| parse_plans(f, diags))
        .unwrap_or_default();
    unreadable.plans = plans.is_empty() && diags.error_count() > errors_before;
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

    let mut chapters: Vec<Chapter> = Vec::new();
    let mut chapter_folder: HashMap<std::path::PathBuf, u32> = HashMap::default();
    let mut broken_chapter_folders = std::collections::HashSet::new();
    for file in &sources.chapters {
        let Some(chapter) = parse_chapter(file, &plan_index, &plans, &plan_ids, diags) else {
            broken_chapter_folders.extend(file.path.parent().map(std::path::Path::to_path_buf));
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
                crate::t!(
                    "chapter-number-duplicate",
                    number = chapter.number.to_string(),
                    other = other.path.display()
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
    let parse = |file: &SourceFile| -> Arc<ParseResult> {
        memo::reuse_or_make(
            memo.map(|m| &m.0),
            || file.path.to_string_lossy().into_owned(),
            |(text, plans)| text.is(&file.text) && *plans == matcher.fingerprint,
            || {
                let parsed = Arc::new(parse_directive(file, &matcher));
                ((Shared(file.text.clone()), matcher.fingerprint), parsed)
            },
        )
    };
    let parsed: Vec<Arc<ParseResult>> = sources.directives.par_iter().map(parse).collect();
    let mut directives_parsed: Vec<ParsedDirective> = Vec::with_capacity(parsed.len());
    for (file_index, parsed) in parsed.into_iter().enumerate() {
        match &*parsed {
            Ok(_) => directives_parsed.push(ParsedDirective { file_index, parsed }),
            Err(ds) => {
                diags.extend(ds.iter().cloned());
                let path = &sources.directives[file_index].path;
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                unreadable.directives.extend(stem);
            }
        }
    }

    // Cross-checks that need every directive.
    let mut seen_ids: HashMap<String, usize> = HashMap::default();
    let mut seen_numbers: HashMap<(u32, u32), usize> = HashMap::default();
    let mut keep = vec![true; directives_parsed.len()];
    for (k, d) in directives_parsed.iter().enumerate() {
        let file = &sources.directives[d.file_index];
        let id = &d.front.id.0;
        if let Some(&other) = seen_ids.get(&id.to_ascii_lowercase()) {
            let other = &directives_parsed[other];
            let other_path = sources.directives[other.file_index].path.display();
            let message = if other.front.id.0 == *id {
                crate::t!("directive-id-duplicate", id = id, other = other_path)
            } else {
                crate::t!(
                    "directive-id-case",
                    id = id,
                    other_id = &other.front.id.0,
                    other = other_path
                )
            };
            diags.push(front_matter_at(d, file, "id", id, message));
            keep[k] = false;
        } else {
            seen_ids.insert(id.to_ascii_lowercase(), k);
        }
        let folder_number = file.path.parent().and_then(|p| chapter_folder.get(p));
        let chapter_problem = if !chapter_index.contains_key(&d.front.chapter) {
            let known: Vec<String> = chapters.iter().map(|c| c.number.to_string()).collect();
            Some(crate::t!(
                "chapter-missing",
                chapter = d.front.chapter.to_string(),
                count = known.len(),
                known = known.join(", "),
                list = known.join("、")
            ))
        } else if let Some(&n) = folder_number
            && n != d.front.chapter
        {
            Some(crate::t!(
                "chapter-folder-mismatch",
                chapter = d.front.chapter.to_string(),
                folder = n.to_string()
            ))
        } else {
            None
        };
        let in_broken_chapter = file
            .path
            .parent()
            .is_some_and(|p| broken_chapter_folders.contains(p));
        if let Some(message) = chapter_problem {
            // A chapter whose own file is broken is missing because of that error alone.
            if in_broken_chapter {
                unreadable.directives.insert(id.clone());
            } else {
                let chapter = d.front.chapter.to_string();
                diags.push(front_matter_at(d, file, "chapter", &chapter, message));
            }
            keep[k] = false;
        }
        let key = (d.front.chapter, d.front.number);
        if let Some(&other) = seen_numbers.get(&key) {
            let other = &sources.directives[directives_parsed[other].file_index];
            let message = crate::t!(
                "directive-number-duplicate",
                chapter = key.0.to_string(),
                number = key.1.to_string(),
                other = other.path.display()
            );
            let number = d.front.number.to_string();
            diags.push(front_matter_at(d, file, "number", &number, message));
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
    // Gaps in a chapter's numbering: (10) then (12), or a chapter starting at (2); not when a
    // directive was left out for its errors (the gap would only follow from them).
    let complete = !diags.has_errors();
    for pair in order
        .windows(2)
        .map(|w| [w[0], w[1]])
        .chain(order.first().map(|&k| [k, k]))
    {
        let [a, b] = pair.map(|k| &directives_parsed[k].front);
        let follows = a.chapter == b.chapter && pair[0] != pair[1];
        let expected = if follows { a.number + 1 } else { 1 };
        if complete && b.number > expected {
            let d = &directives_parsed[pair[1]];
            let file = &sources.directives[d.file_index];
            let (chapter, number) = (b.chapter.to_string(), b.number.to_string());
            let message = if follows {
                crate::t!(
                    "numbering-gap",
                    chapter = chapter,
                    previous = a.number.to_string(),
                    number = number,
                    expected = expected.to_string()
                )
            } else {
                crate::t!(
                    "numbering-gap-at-start",
                    chapter = chapter,
                    number = number,
                    expected = expected.to_string()
                )
            };
            let number = b.number.to_string();
            diags.push(front_matter_at(d, file, "number", &number, message).warning());
        }
    }
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
                    crate::t!("sub-item-anchor-is-id", anchor = &anchor),
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
        unreadable: &unreadable,
    };

    // Each directive alone, in parallel, its problems kept with it to report in policy order.
    let built: Vec<ResolvedDirective> = order
        .par_iter()
        .enumerate()
        .map(|(pos, &k)| {
            let d = &directives_parsed[k];
            resolve_directive(&lookup, pos, d, &sources.directives[d.file_index])
        })
        .collect();
    // Free the parses on an idle worker while this thread does the backlinks alone.
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
    for chapter in &chapters {
        if let Some(file) = sources.chapters.iter().find(|f| f.path == chapter.path) {
            check_body_links(file, &chapter.intro, &matcher, &lookup, diags);
        }
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
