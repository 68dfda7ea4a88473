//! Every message hoshin prints, in Japanese and English, from the Fluent catalogues in
//! `locales/<lang>/*.ftl` (embedded in the binary). The language: `--lang`, else the
//! system's (LC_ALL, LC_MESSAGES, LANG starting with `ja`; on Windows and macOS the user's UI
//! language), else English. Messages are looked up by id with [`t!`](crate::t); a message
//! missing from Japanese falls back to English.

use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

/// The catalogue files, one per area of the code, for each language.
const CATALOGUES: [(&str, &str, &str); 4] = [
    (
        "cli",
        include_str!("../locales/en/cli.ftl"),
        include_str!("../locales/ja/cli.ftl"),
    ),
    (
        "source",
        include_str!("../locales/en/source.ftl"),
        include_str!("../locales/ja/source.ftl"),
    ),
    (
        "render",
        include_str!("../locales/en/render.ftl"),
        include_str!("../locales/ja/render.ftl"),
    ),
    (
        "import",
        include_str!("../locales/en/import.ftl"),
        include_str!("../locales/ja/import.ftl"),
    ),
];

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the run (the first call wins).
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of this run: as set, else the system's.
pub fn lang() -> Lang {
    *LANG.get_or_init(system_lang)
}

/// Japanese if the system's language is, else English.
pub fn system_lang() -> Lang {
    match sys_locale::get_locale() {
        Some(locale) if locale.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// `--lang ja|en` (or `--lang=…`) among `args`, read before the command line is parsed so that
/// `--help` is in that language too.
pub fn lang_arg(args: &[String]) -> Option<Lang> {
    let value = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        })?;
    <Lang as clap::ValueEnum>::from_str(value, true).ok()
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::Ja => "ja".parse().expect("language id"),
        Lang::En => "en".parse().expect("language id"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (name, en, ja) in CATALOGUES {
        let text = if lang == Lang::Ja { ja } else { en };
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("locales/{lang:?}/{name}.ftl: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{lang:?}/{name}.ftl: {errors:?}"));
    }
    bundle
}

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle(Lang::Ja), bundle(Lang::En)]);

/// A value put into a message.
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<std::path::Display<'_>> for Arg {
    fn from(d: std::path::Display<'_>) -> Self {
        Arg::Text(d.to_string())
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(impl From<$t> for Arg {
        fn from(n: $t) -> Self {
            Arg::Number(n as f64)
        }
    })*};
}
number_args!(u16, u32, u64, usize, i32, i64, f64);

/// Message `id` in the run's language, with `args` put in.
pub fn tr(id: &str, args: &[(&str, Arg)]) -> String {
    tr_in(lang(), id, args)
}

/// Message `id` (without values) in `lang`, if that catalogue has it.
pub fn lookup(lang: Lang, id: &str) -> Option<String> {
    let bundle = &BUNDLES[if lang == Lang::Ja { 0 } else { 1 }];
    let pattern = bundle.get_message(id)?.value()?;
    Some(
        bundle
            .format_pattern(pattern, None, &mut Vec::new())
            .into_owned(),
    )
}

/// Message `id` in `lang` (English if the Japanese catalogue lacks it; the id if both do).
pub fn tr_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let order = match lang {
        Lang::Ja => [0, 1],
        Lang::En => [1, 1],
    };
    for i in order {
        let bundle = &BUNDLES[i];
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

/// `t!("message-id", name = value, …)`: the message in the run's language.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::tr($id, &[$((stringify!($name), $crate::i18n::Arg::from($value))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Message ids defined in a catalogue's text.
    fn ids(ftl: &str) -> std::collections::BTreeSet<&str> {
        (ftl.lines())
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    #[test]
    fn both_languages_define_the_same_messages_and_the_code_uses_only_defined_ones() {
        let mut all = std::collections::BTreeSet::new();
        for (name, en, ja) in CATALOGUES {
            // English --help is `cli.rs`'s doc comments: only Japanese has the help's messages.
            let not_help =
                |id: &&str| !(*id == "help" || id.starts_with("help-") || id.starts_with("clap-"));
            let ja_ids: std::collections::BTreeSet<&str> =
                ids(ja).into_iter().filter(not_help).collect();
            assert_eq!(
                ids(en),
                ja_ids,
                "locales/{{en,ja}}/{name}.ftl define other messages"
            );
            for id in ids(ja) {
                assert!(
                    all.insert(id),
                    "message '{id}' is defined twice (again in {name}.ftl)"
                );
            }
        }
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.unwrap();
            // This file's own examples name no real message.
            if entry.path().extension().is_some_and(|e| e == "rs")
                && !entry.path().ends_with("i18n.rs")
            {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let uses = (text.match_indices("t!(\""))
                    .filter(|&(at, _)| {
                        !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                    .filter_map(|(at, m)| text[at + m.len()..].split('"').next());
                for used in uses {
                    assert!(
                        all.contains(used),
                        "{}: no message '{used}'",
                        entry.path().display()
                    );
                }
            }
        }
    }

    #[test]
    fn messages_are_put_in_the_language_asked_with_their_values() {
        let args = || [("count", Arg::from(2_usize))];
        assert_eq!(tr_in(Lang::En, "errors-found", &args()), "2 errors found");
        assert_eq!(
            tr_in(Lang::Ja, "errors-found", &args()),
            "2件のエラーがあります"
        );
        assert_eq!(tr_in(Lang::En, "no-such-message", &[]), "no-such-message");
        let args: Vec<String> = ["hoshin", "build", "--lang", "ja"]
            .map(String::from)
            .to_vec();
        assert_eq!(lang_arg(&args), Some(Lang::Ja));
        assert_eq!(lang_arg(&["x".into(), "--lang=en".into()]), Some(Lang::En));
        assert_eq!(lang_arg(&["x".into()]), None);
    }
}
