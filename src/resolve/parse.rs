//! Parsing one source file alone: front matter into typed values (errors at `path:line:col`),
//! ids checked as safe file names, the body scanned; cross-checks are in [`super`].

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoticeFront {
    pub(super) title: String,
    pub(super) fiscal_year: u16,
    pub(super) issued: String,
    pub(super) issuer: String,
    pub(super) addressee: String,
    #[serde(default)]
    pub(super) bases: Vec<BasisFront>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BasisFront {
    pub(super) plan: IdString,
    pub(super) date: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ChapterFront {
    pub(super) number: u32,
    pub(super) title: String,
    #[serde(default)]
    pub(super) references: Vec<IdString>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DirectiveFront {
    pub(super) id: IdString,
    pub(super) chapter: u32,
    pub(super) number: u32,
    pub(super) title: String,
    #[serde(default)]
    pub(super) editorial_title: bool,
    #[serde(default)]
    pub(super) themes: Vec<IdString>,
    #[serde(default)]
    pub(super) references: Vec<IdString>,
    #[serde(default)]
    pub(super) related: Vec<IdString>,
    /// Made by `hoshin import` and not yet confirmed by an editor.
    #[serde(default)]
    pub(super) draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TopicYaml {
    pub(super) id: IdString,
    pub(super) name: String,
    #[serde(default)]
    pub(super) description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PlanYaml {
    pub(super) id: IdString,
    pub(super) name: String,
    #[serde(default)]
    pub(super) issued: Option<String>,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) draft: bool,
}

/// Checks that an id can be used as a file name on every system staff use: ASCII
/// letters, digits, `-`, `_` and inner dots; not a Windows device name.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err(crate::t!("id-empty"));
    }
    if id.len() > 64 {
        return Err(crate::t!("id-too-long", id = id));
    }
    if id.chars().any(|c| crate::model::halfwidth(c).is_some()) {
        let fixed = crate::model::to_halfwidth(id);
        return Err(crate::t!("id-full-width", id = id, fixed = fixed));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        // English shows the id and the character escaped (a separator as it is); Japanese as
        // written, but for invisible characters.
        let (kind, char) = match c {
            '/' | '\\' => ("separator", c.to_string()),
            '\0' => ("nul", String::new()),
            _ => ("other", c.escape_default().to_string()),
        };
        let visible = |c: char| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        };
        return Err(crate::t!(
            "id-bad-character",
            id = id.escape_default().to_string(),
            written = id.chars().map(visible).collect::<String>(),
            kind = kind,
            char = char,
            char_written = visible(c)
        ));
    }
    if id.starts_with('.') || id.ends_with('.') || id.contains("..") {
        return Err(crate::t!("id-dots", id = id));
    }
    let stem = id.split('.').next().unwrap_or(id).to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        return Err(crate::t!("id-reserved", id = id));
    }
    Ok(())
}

/// A directive file after it was parsed on its own, before cross-checks.
pub(super) struct Parsed {
    pub(super) front: DirectiveFront,
    pub(super) split_yaml: Range<usize>,
    pub(super) body: Body,
    pub(super) scan: Scan,
}

/// The problem with plan id `id`, not in the registry: the id of a plan named so, or a close
/// one, as hint.
pub(super) fn unknown_plan(id: &str, plans: &[Plan], plan_ids: &[&str]) -> String {
    let hint = plans
        .iter()
        .find(|p| p.name == id)
        .map(|p| p.id.as_str())
        .or_else(|| did_you_mean(id, plan_ids.iter().copied()));
    match hint {
        Some(h) => crate::t!("plan-unknown-did-you-mean", id = id, suggestion = h),
        None => crate::t!("plan-unknown", id = id),
    }
}

pub(super) fn split_or_report<'a>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<Split<'a>> {
    front_matter::split(file).map_err(|d| diags.push(d)).ok()
}

pub(super) fn parse_notice(
    file: &SourceFile,
    plan_index: &HashMap<&str, usize>,
    plans: &[Plan],
    plan_ids: &[&str],
    diags: &mut Diagnostics,
) -> Option<Notice> {
    let split = split_or_report(file, diags)?;
    let front: NoticeFront = front_matter::parse_yaml(file, split.yaml, split.yaml_offset)
        .map_err(|d| diags.push(d))
        .ok()?;
    let at = |key: &str, value: &str, message: String| {
        let (s, e) = locate(split.yaml, split.yaml_offset, key, Some(value));
        Diagnostic::at(file, s, e, message)
    };
    let issued = Date::parse(&front.issued).map_err(|m| diags.push(at("issued", &front.issued, m)));
    let mut bases = Vec::new();
    for b in &front.bases {
        let plan = plan_index.get(b.plan.0.as_str()).copied();
        if plan.is_none() {
            let message = unknown_plan(&b.plan.0, plans, plan_ids);
            diags.push(at("plan", &b.plan.0, message));
        }
        let date = Date::parse(&b.date).map_err(|m| diags.push(at("date", &b.date, m)));
        if let (Some(plan), Ok(date)) = (plan, date) {
            bases.push(Basis { plan, date });
        }
    }
    Some(Notice {
        title: front.title.trim().to_string(),
        fiscal_year: front.fiscal_year,
        issued: issued.ok()?,
        issuer: front.issuer,
        addressee: front.addressee,
        bases,
        preamble: Body::new(Arc::clone(&file.text), split.body_offset),
        path: file.path.clone(),
    })
}

pub(super) fn parse_chapter(
    file: &SourceFile,
    plan_index: &HashMap<&str, usize>,
    plans: &[Plan],
    plan_ids: &[&str],
    diags: &mut Diagnostics,
) -> Option<Chapter> {
    let split = split_or_report(file, diags)?;
    let front: ChapterFront = front_matter::parse_yaml(file, split.yaml, split.yaml_offset)
        .map_err(|d| diags.push(d))
        .ok()?;
    let mut references = Vec::new();
    for r in &front.references {
        match plan_index.get(r.0.as_str()) {
            Some(&i) => references.push(i),
            None => {
                let (s, e) = locate(split.yaml, split.yaml_offset, "references", Some(&r.0));
                let message = unknown_plan(&r.0, plans, plan_ids);
                diags.push(Diagnostic::at(file, s, e, message));
            }
        }
    }
    Some(Chapter {
        number: front.number,
        title: front.title.trim().to_string(),
        references,
        intro: Body::new(Arc::clone(&file.text), split.body_offset),
        directives: Vec::new(),
        path: file.path.clone(),
    })
}

pub(super) fn parse_directive(
    file: &SourceFile,
    matcher: &PlanMatcher,
) -> Result<Parsed, Vec<Diagnostic>> {
    let split = front_matter::split(file).map_err(|d| vec![d])?;
    let front: DirectiveFront =
        front_matter::parse_yaml(file, split.yaml, split.yaml_offset).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let yaml_range = split.yaml_offset..split.yaml_offset + split.yaml.len();
    if let Err(message) = check_id(&front.id.0) {
        let (s, e) = locate(split.yaml, split.yaml_offset, "id", Some(&front.id.0));
        problems.push(Diagnostic::at(file, s, e, message));
    }
    if front.title.trim().is_empty() {
        let (s, e) = locate(split.yaml, split.yaml_offset, "title", None);
        problems.push(Diagnostic::at(file, s, e, crate::t!("title-empty")));
    }
    if front.number == 0 || front.chapter == 0 {
        let key = if front.number == 0 {
            "number"
        } else {
            "chapter"
        };
        let (s, e) = locate(split.yaml, split.yaml_offset, key, Some("0"));
        problems.push(Diagnostic::at(
            file,
            s,
            e,
            crate::t!("starts-at-one", key = key),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let body = Body::new(Arc::clone(&file.text), split.body_offset);
    let scan = markdown::scan(body.markdown(), matcher);
    Ok(Parsed {
        front,
        split_yaml: yaml_range,
        body,
        scan,
    })
}

/// Parses a vocabulary file (a YAML list of entries with ids), refusing unsafe and duplicate
/// ids (case-insensitively) at their entry; `kind` (`topic` or `plan`) names the entries in
/// messages.
pub(super) fn parse_registry<E: serde::de::DeserializeOwned, T>(
    file: &SourceFile,
    kind: &str,
    diags: &mut Diagnostics,
    id_of: impl Fn(&E) -> &str,
    mut build: impl FnMut(E, (usize, usize), &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    let entries: Vec<E> = match front_matter::parse_yaml(file, &file.text, 0) {
        Ok(e) => e,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let mut seen: HashSet<String> = HashSet::default();
    let mut out = Vec::new();
    for e in entries {
        let id = id_of(&e);
        let (s, end) = locate(&file.text, 0, "id", Some(id));
        if let Err(m) = check_id(id) {
            diags.push(Diagnostic::at(file, s, end, m));
            continue;
        }
        if !seen.insert(id.to_ascii_lowercase()) {
            diags.push(Diagnostic::at(
                file,
                s,
                end,
                crate::t!("registry-duplicate-id", kind = kind, id = id),
            ));
            continue;
        }
        out.extend(build(e, (s, end), diags));
    }
    out
}

pub(super) fn parse_topics(file: &SourceFile, diags: &mut Diagnostics) -> Vec<Topic> {
    parse_registry(
        file,
        "topic",
        diags,
        |e: &TopicYaml| &e.id.0,
        |e, _, _| {
            Some(Topic {
                id: e.id.0,
                name: e.name.trim().to_string(),
                description: e.description.trim().to_string(),
                directives: Vec::new(),
            })
        },
    )
}

pub(super) fn parse_plans(file: &SourceFile, diags: &mut Diagnostics) -> Vec<Plan> {
    parse_registry(
        file,
        "plan",
        diags,
        |e: &PlanYaml| &e.id.0,
        |e, (s, end), diags| {
            let issued = (e.issued.as_deref().map(Date::parse).transpose()).unwrap_or_else(|m| {
                let (s, end) = locate(&file.text, 0, "issued", e.issued.as_deref());
                diags.push(Diagnostic::at(file, s, end, m));
                None
            });
            if e.name.trim().is_empty() {
                diags.push(Diagnostic::at(
                    file,
                    s,
                    end,
                    crate::t!("plan-empty-name", id = &e.id.0),
                ));
                return None;
            }
            if e.draft {
                let message = crate::t!("plan-draft", id = &e.id.0);
                diags.push(Diagnostic::at(file, s, end, message).warning());
            }
            Some(Plan {
                id: e.id.0,
                name: e.name.trim().to_string(),
                issued,
                description: e.description.trim().to_string(),
                directives: Vec::new(),
                chapters: Vec::new(),
            })
        },
    )
}
