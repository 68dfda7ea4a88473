//! `hoshin import`: a site folder made from the department head's document (.docx, .txt or
//! .md). The document's blocks of text are outlined ([`outline`]) and written as the sources
//! of a site: hoshin.yaml, the notice, chapters and directives, topics.yaml and plans.yaml.
//! What a document cannot say (テーマ, captions of directives without a heading, whether a
//! quoted name is a plan) is left to the editor, marked `draft: true`, which `check` reports.

mod docx;
mod edition;
pub mod outline;

use std::path::Path;

use anyhow::{Context, bail};
use serde::Serialize;

use crate::model::Site;
use crate::model::date::Date;
use outline::Outline;

pub use edition::next_edition;

/// What an import into an existing site keeps of it (see [`next_edition`]).
pub struct Base<'a> {
    pub site: &'a Site,
    /// The directive of `site` each imported directive continues, in policy order.
    pub continues: Vec<Option<usize>>,
    pub topics_yaml: String,
    pub plans_yaml: String,
}

/// A file of the imported site: its path under the site root and its text.
pub type SiteFile = (String, String);

/// The site made from `outline`, and the report of what was found.
pub fn site_files(
    outline: &Outline,
    source_name: &str,
    base: Option<&Base>,
) -> (Vec<SiteFile>, String) {
    let old = base.map(|b| b.site);
    let plans = plans_named(outline, old);
    let plan_ids = |text: &str, carried: &[usize]| -> Vec<String> {
        let old_ids = carried
            .iter()
            .filter_map(|&p| Some(old?.plans[p].id.clone()));
        old_ids
            .chain(quoted(text).filter_map(|q| {
                plans
                    .iter()
                    .find(|p| p.name == plan_name(q))
                    .map(|p| p.id.clone())
            }))
            .fold(Vec::new(), |mut ids, id| {
                if !ids.contains(&id) {
                    ids.push(id);
                }
                ids
            })
    };
    let mut files = Vec::new();
    let date = outline.date.as_deref().and_then(wareki_date);
    let fiscal_year = notice_fiscal_year(outline);

    #[derive(Serialize)]
    struct Basis {
        plan: String,
        date: String,
    }
    #[derive(Serialize)]
    struct NoticeFront<'a> {
        title: &'a str,
        fiscal_year: i32,
        issued: String,
        issuer: &'a str,
        addressee: &'a str,
        bases: Vec<Basis>,
    }
    let preamble = outline.preamble.join("\n\n");
    let bases = plans
        .iter()
        .filter(|p| p.in_preamble)
        .filter_map(|p| {
            Some(Basis {
                plan: p.id.clone(),
                date: p.issued.clone()?,
            })
        })
        .collect();
    let notice = NoticeFront {
        title: &outline.title,
        fiscal_year: fiscal_year.unwrap_or(2000),
        issued: date.map_or_else(|| "2000-04-01".to_string(), |d| d.to_string()),
        issuer: &outline.issuer,
        addressee: &outline.addressee,
        bases,
    };
    files.push((
        "content/_index.md".into(),
        markdown_file(&notice, &preamble),
    ));
    let ignored = "# hoshin の出力とバックアップ (build output, locks, backups)\ndist/\ncompare/\n.*.hoshin-*\n.hoshin-backup/\n";
    files.push((".gitignore".into(), ignored.into()));
    files.push((
        "hoshin.yaml".into(),
        format!("# hoshin の設定。取り込み元: {source_name}\ntheme: default\n"),
    ));
    let topics = "# テーマ（id, name, description）を書き加えてください。\n[]\n";
    let topics = base.map_or(topics, |b| &b.topics_yaml);
    files.push(("content/topics.yaml".into(), topics.to_string()));
    let plans_file = plans_yaml(&plans, base.map(|b| b.plans_yaml.as_str()));
    files.push(("content/plans.yaml".into(), plans_file));

    #[derive(Serialize)]
    struct ChapterFront {
        number: u32,
        title: String,
        references: Vec<String>,
    }
    #[derive(Serialize)]
    struct DirectiveFront {
        id: String,
        chapter: u32,
        number: u32,
        title: String,
        editorial_title: bool,
        themes: Vec<String>,
        references: Vec<String>,
        related: Vec<String>,
        draft: bool,
    }
    let mut position = 0; // of the directive in policy order
    // Ids: a continued directive's, else `<chapter>-<number>` if no directive had it.
    let continues = |k: usize| {
        let site = old?;
        Some((site, &site.directives[base?.continues[k]?]))
    };
    let mut ids: Vec<String> = old.map_or(Vec::new(), |o| {
        o.directives.iter().map(|d| d.id.clone()).collect()
    });
    let kept: Vec<String> = (0..ids.len())
        .filter(|&j| base.is_some_and(|b| b.continues.contains(&Some(j))))
        .map(|j| ids[j].clone())
        .collect();
    for c in &outline.chapters {
        let old_chapter = old.and_then(|o| o.chapters.iter().find(|oc| oc.number == c.number));
        let front = ChapterFront {
            number: c.number,
            title: c.title.clone(),
            references: plan_ids(&c.title, old_chapter.map_or(&[], |oc| &oc.references)),
        };
        let intro = c.intro.join("\n\n");
        files.push((
            format!("content/{}/_index.md", c.number),
            markdown_file(&front, &intro),
        ));
        for d in &c.directives {
            let body = d.body.join("\n\n");
            let carried = continues(position);
            let id = carried.map_or_else(
                || unused_id(&ids, c.number, d.number),
                |(_, o)| o.id.clone(),
            );
            ids.push(id.clone());
            let caption = match (&d.heading, carried) {
                (Some(heading), _) => heading.clone(),
                (None, Some((_, o))) if o.editorial_title => o.title.clone(),
                (None, _) => caption(&body),
            };
            let front = DirectiveFront {
                id,
                chapter: c.number,
                number: d.number,
                title: caption,
                editorial_title: d.heading.is_none(),
                themes: carried.map_or(Vec::new(), |(site, o)| {
                    o.topics
                        .iter()
                        .map(|&t| site.topics[t].id.clone())
                        .collect()
                }),
                references: plan_ids(&body, carried.map_or(&[], |(_, o)| &o.plans)),
                related: carried.map_or(Vec::new(), |(site, o)| {
                    let related = o.related.iter().map(|&r| &site.directives[r].id);
                    related.filter(|r| kept.contains(r)).cloned().collect()
                }),
                draft: carried.is_none(),
            };
            files.push((
                format!("content/{}/{}.md", c.number, front.id),
                markdown_file(&front, &body),
            ));
            position += 1;
        }
    }

    let report = report(outline, source_name, &plans);
    (files, report)
}

/// The report of an import: what was found, the plans, the names in 「」 not taken as plans,
/// what could not be placed, what is left to do.
fn report(outline: &Outline, source_name: &str, plans: &[Plan]) -> String {
    let directives = || outline.chapters.iter().flat_map(|c| &c.directives);
    let sub_items: usize = directives().map(|d| d.sub_items).sum();
    let directives = directives().count();
    let mut report = String::new();
    let mut line = |text: String| {
        report.push_str(&text);
        report.push('\n');
    };
    line(crate::t!("import-report-source", name = source_name));
    line(crate::t!("import-report-title", title = &outline.title));
    let date = match outline.date.as_deref() {
        Some(date) => date.to_string(),
        None => crate::t!("import-report-date-not-found"),
    };
    line(crate::t!("import-report-date", date = date));
    line(crate::t!(
        "import-report-chapters",
        count = outline.chapters.len()
    ));
    line(crate::t!("import-report-directives", count = directives));
    line(crate::t!("import-report-sub-items", count = sub_items));
    line(crate::t!("import-report-plans", count = plans.len()));
    for p in plans {
        line(format!("  {} {}", p.id, p.name));
    }
    if outline.renumbered_sub_items {
        line(crate::t!("import-report-renumbered"));
    }
    let not_plans: Vec<&str> = all_text(outline)
        .flat_map(quoted)
        .filter(|q| !is_plan_name(q))
        .collect();
    if !not_plans.is_empty() {
        let names = not_plans.join(&crate::t!("import-report-list-separator"));
        line(crate::t!("import-report-not-plans", names = names));
    }
    line(crate::t!(
        "import-report-unplaced",
        count = outline.unplaced.len()
    ));
    for (text, why) in &outline.unplaced {
        line(format!(
            "  {text}\n    {}",
            crate::t!("import-report-why", why = why)
        ));
    }
    line(crate::t!("import-report-to-do"));
    report
}

/// Front matter (YAML) and a Markdown body.
fn markdown_file(front: &impl Serialize, body: &str) -> String {
    let yaml = serde_yaml::to_string(front).unwrap_or_default();
    format!("---\n{yaml}---\n{body}\n")
}

/// A plan named in 「」.
struct Plan {
    id: String,
    name: String,
    /// The date written after its name, ISO.
    issued: Option<String>,
    in_preamble: bool,
    /// In the site's plans.yaml already.
    known: bool,
}

fn all_text(outline: &Outline) -> impl Iterator<Item = &str> {
    let chapters = outline.chapters.iter().flat_map(|c| {
        let bodies = c
            .directives
            .iter()
            .flat_map(|d| d.heading.iter().chain(&d.body));
        std::iter::once(&c.title).chain(&c.intro).chain(bodies)
    });
    outline.preamble.iter().chain(chapters).map(String::as_str)
}

/// Plans named in 「」 anywhere in the notice, in the order first named.
fn plans_named(outline: &Outline, old: Option<&Site>) -> Vec<Plan> {
    let old_plans = old.map_or(&[][..], |o| &o.plans[..]);
    let mut plans: Vec<Plan> = Vec::new();
    for (i, text) in all_text(outline).enumerate() {
        let mut rest = text;
        while let Some(open) = rest.find('「') {
            let Some(len) = rest[open..].find('」') else {
                break;
            };
            let name = plan_name(&rest[open + '「'.len_utf8()..open + len]);
            rest = &rest[open + len + '」'.len_utf8()..];
            if !is_plan_name(name) || plans.iter().any(|p| p.name == name) {
                continue;
            }
            let date = rest
                .strip_prefix(['（', '('])
                .and_then(|r| r.split([')', '）']).next());
            let known = old_plans.iter().find(|p| p.name == name);
            let taken =
                |id: &str| old_plans.iter().any(|p| p.id == id) || plans.iter().any(|p| p.id == id);
            let fresh = (1..)
                .map(|n| format!("plan-{n}"))
                .find(|id| !taken(id))
                .unwrap_or_default();
            plans.push(Plan {
                known: known.is_some(),
                id: known.map_or(fresh, |p| p.id.clone()),
                name: name.to_string(),
                issued: date.and_then(wareki_date).map(|d| d.to_string()),
                in_preamble: i < outline.preamble.len(),
            });
        }
    }
    plans
}

/// The names in 「」 of `text`.
fn quoted(text: &str) -> impl Iterator<Item = &str> {
    text.split('「')
        .skip(1)
        .filter_map(|s| s.split_once('」').map(|(q, _)| q))
}

fn plan_name(quoted: &str) -> &str {
    quoted.trim()
}

/// Whether a name in 「」 reads as a plan's: it ends (before a parenthesised edition such as
/// (第3期)) in a word plans end in.
fn is_plan_name(name: &str) -> bool {
    let stem = match name.rfind(['(', '（']) {
        Some(i) if name.ends_with([')', '）']) => &name[..i],
        _ => name,
    };
    [
        "計画",
        "方針",
        "ビジョン",
        "プロジェクト",
        "指針",
        "戦略",
        "構想",
        "条例",
        "要綱",
        "大綱",
        "プラン",
        "規則",
        "要領",
    ]
    .iter()
    .any(|w| stem.trim_end().ends_with(w))
}

/// plans.yaml: the site's (if any) with the plans not in it added as drafts.
fn plans_yaml(plans: &[Plan], site_plans: Option<&str>) -> String {
    #[derive(Serialize)]
    struct PlanYaml<'a> {
        id: &'a str,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        issued: Option<&'a str>,
        draft: bool,
    }
    let entries: Vec<PlanYaml> = plans
        .iter()
        .filter(|p| !p.known)
        .map(|p| PlanYaml {
            id: &p.id,
            name: &p.name,
            issued: p.issued.as_deref(),
            draft: true,
        })
        .collect();
    let drafts = serde_yaml::to_string(&entries).unwrap_or_default();
    let note = "# 取り込み時に「」で名前が挙がった計画です。id と説明を確かめ、draft: true の行を消してください。\n";
    let no_entries = |text: &str| {
        let lines = text.lines().filter(|l| !l.trim_start().starts_with('#'));
        lines
            .collect::<String>()
            .trim()
            .trim_matches(['[', ']'])
            .trim()
            .is_empty()
    };
    match site_plans {
        Some(site) if entries.is_empty() => site.to_string(),
        Some(site) if !no_entries(site) => {
            format!("{}\n{note}{drafts}", site.trim_end())
        }
        _ if entries.is_empty() => format!("{note}[]\n"),
        _ => format!("{note}{drafts}"),
    }
}

/// `<chapter>-<number>`, or with `-2`, `-3`, … added, whichever no directive of `ids` has.
fn unused_id(ids: &[String], chapter: u32, number: u32) -> String {
    let id = format!("{chapter}-{number}");
    let with = |n: u32| {
        if n == 1 {
            id.clone()
        } else {
            format!("{id}-{n}")
        }
    };
    (1..)
        .map(with)
        .find(|i| !ids.contains(i))
        .unwrap_or(id.clone())
}

/// A caption for a directive without a heading: its first clause (up to the first 、 or 。),
/// at most 30 characters.
fn caption(body: &str) -> String {
    let first = body.lines().next().unwrap_or_default();
    let first = first.trim_start_matches(|c: char| crate::model::circled_number(c).is_some());
    let clause = first.split(['、', '。']).next().unwrap_or(first);
    let mut caption: String = clause.chars().take(30).collect();
    if clause.chars().count() > 30 {
        caption.push('…');
    }
    caption
}

/// The notice's fiscal year: the title's, else the date's (April starts a year).
fn notice_fiscal_year(outline: &Outline) -> Option<i32> {
    let date = outline.date.as_deref().and_then(wareki_date);
    let from_date = date.map(|d| i32::from(d.year) - i32::from(d.month < 4));
    fiscal_year(&outline.title).or(from_date)
}

/// The fiscal year a title names: 令和8年度 → 2026, 2026年度 → 2026.
fn fiscal_year(title: &str) -> Option<i32> {
    let before = &title[..title.find("年度")?];
    let number_at = (before.char_indices().rev())
        .take_while(|&(_, c)| outline::ascii_digit(c).is_some() || c == '元')
        .last()?
        .0;
    Some(era_start(&before[..number_at]) + era_number(&before[number_at..])?)
}

/// The year before the first of the era `text` ends with (0 for none: a western year).
fn era_start(text: &str) -> i32 {
    match text {
        _ if text.ends_with("令和") => 2018,
        _ if text.ends_with("平成") => 1988,
        _ => 0,
    }
}

/// A year, month or day as written: ASCII or full-width digits, or 元 for an era's first year.
fn era_number(s: &str) -> Option<i32> {
    if s == "元" {
        return Some(1);
    }
    crate::model::to_halfwidth(s)
        .parse()
        .ok()
        .filter(|&n: &i32| n > 0)
}

/// A date written as 令和8年4月1日, 平成31年4月1日 or 2026年4月1日 (digits ASCII or full-width),
/// if that day exists.
pub fn wareki_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let (era, rest) = ["令和", "平成"]
        .iter()
        .find_map(|era| Some((era_start(era), s.strip_prefix(era)?)))
        .unwrap_or((0, s));
    let (y, rest) = rest.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let (y, m, d) = (era + era_number(y)?, era_number(m)?, era_number(d)?);
    Date::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()
}

/// Reads `file` (.docx, or text in UTF-8, Shift_JIS or UTF-16) as blocks of text.
pub fn read_blocks(file: &Path) -> anyhow::Result<Vec<String>> {
    let bytes = std::fs::read(file)
        .with_context(|| crate::t!("import-cannot-read", path = file.display()))?;
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "docx" => docx::blocks(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display())),
        "txt" | "md" | "markdown" => {
            let (text, _) = crate::input::encoding::decode(bytes).map_err(|at| {
                anyhow::anyhow!(crate::t!(
                    "import-not-text",
                    path = file.display(),
                    byte = at
                ))
            })?;
            Ok(outline::text_blocks(&text))
        }
        _ => bail!(crate::t!("import-unknown-type", path = file.display())),
    }
}

/// Imports `file` into the new site folder `into` (which must not exist or be empty), or into
/// the site there as its next edition, writing the report there too; returns the report.
pub fn import(file: &Path, into: &Path) -> anyhow::Result<String> {
    if into.join("content").is_dir() {
        return next_edition(file, into);
    }
    if !can_hold_new_site(into) {
        bail!(crate::t!("import-not-empty", path = into.display()));
    }
    let blocks = read_blocks(file)?;
    let outline = outline::outline(&blocks);
    if outline.chapters.is_empty() {
        bail!(crate::t!("import-no-chapters", path = file.display()));
    }
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (files, report) = site_files(&outline, &name, None);
    let files = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()));
    write_new_site(into, files.chain([("import-report.txt", report.as_str())]))?;
    Ok(report)
}

/// Whether a new site may be written into `folder`: it does not exist, or is an empty folder.
pub fn can_hold_new_site(folder: &Path) -> bool {
    match std::fs::read_dir(folder) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Writes `files` (path under the folder, text) as the new site folder `into`, which must not
/// exist (its parents are made) or be empty ([`can_hold_new_site`]): all of them or, on any
/// failure, none. A new folder is staged beside its place and renamed into it; an empty folder
/// is kept (it may be the current folder, or open in Explorer), its entries staged in a hidden
/// folder inside it and moved out of that one by one, moved back on a failure.
pub fn write_new_site<'a>(
    into: &Path,
    files: impl Iterator<Item = (&'a str, &'a str)>,
) -> anyhow::Result<()> {
    let cannot_create = |path: &Path| crate::t!("import-cannot-create", path = path.display());
    let tag = format!("hoshin-new-{}", std::process::id());
    if into.is_dir() {
        let staging = into.join(format!(".{tag}"));
        stage(&staging, files, || move_entries(&staging, into))?;
        let _ = std::fs::remove_dir(&staging); // empty now; left behind, it does no harm
        return Ok(());
    }
    let folder = (into.file_name()).ok_or_else(|| anyhow::anyhow!(cannot_create(into)))?;
    if let Some(parent) = into.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| cannot_create(parent))?;
    }
    let staging = into.with_file_name(format!(".{}.{tag}", folder.to_string_lossy()));
    stage(&staging, files, || {
        crate::output::retry(into, || std::fs::rename(&staging, into))
            .with_context(|| cannot_create(into))
    })
}

/// Moves every entry of the folder `from` into the folder `to`; on a failure, moves back those
/// already moved.
fn move_entries(from: &Path, to: &Path) -> anyhow::Result<()> {
    let mut moved = Vec::new();
    let mut move_all = || -> anyhow::Result<()> {
        // Listed first: a folder's listing while it changes may miss entries.
        let names = std::fs::read_dir(from)
            .and_then(|entries| entries.map(|e| Ok(e?.file_name())).collect())
            .with_context(|| crate::t!("import-cannot-read", path = from.display()));
        let names: Vec<std::ffi::OsString> = names?;
        for name in names {
            let target = to.join(&name);
            crate::output::retry(&target, || std::fs::rename(from.join(&name), &target))
                .with_context(|| crate::t!("import-cannot-create", path = target.display()))?;
            moved.push(name);
        }
        Ok(())
    };
    let result = move_all();
    if result.is_err() {
        for name in moved {
            let _ = std::fs::rename(to.join(&name), from.join(&name));
        }
    }
    result
}

/// Writes `files` (path under the folder, text) into the new folder `staging`, then `place`s
/// it; on any failure removes what was staged, so nothing half made is left.
fn stage<'a>(
    staging: &Path,
    files: impl Iterator<Item = (&'a str, &'a str)>,
    place: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let write = || -> anyhow::Result<()> {
        for (path, text) in files {
            let path = staging.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| crate::t!("import-cannot-create", path = parent.display()))?;
            }
            std::fs::write(&path, text)
                .with_context(|| crate::t!("import-cannot-write", path = path.display()))?;
        }
        Ok(())
    };
    let placed = write().and_then(|()| place());
    if placed.is_err() {
        let _ = std::fs::remove_dir_all(staging);
    }
    placed
}
