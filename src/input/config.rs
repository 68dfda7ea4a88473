//! The site config, `hoshin.yaml` at the site root: visual theme, organization, editions.

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;
use crate::input::front_matter::{locate, parse_yaml};
use crate::model::date::Date;

pub const CONFIG_FILE: &str = "hoshin.yaml";

/// Validated site configuration; every field has a default, so `hoshin.yaml` is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Not used (a warning asks to delete it): pages show the notice's title.
    pub title: Option<String>,
    /// Name of the visual theme under `themes/`.
    pub theme: String,
    /// Largest source file accepted, in bytes.
    pub max_file_size: u64,
    /// Organisation shown in the footer and the accessibility statement.
    pub organization: Option<String>,
    /// What the accessibility statement page (ウェブアクセシビリティ方針) says.
    pub accessibility: Accessibility,
    /// Older editions' folders (each holding its `content/`), from the root: [`crate::editions`].
    pub editions: Vec<String>,
    /// Printing starts each chapter on a new page (by default the text flows as the notice's).
    pub chapter_starts_page: bool,
    /// The 新旧対照表 shows 改正後 on the left, as national bills do (by default 改正前｜改正後).
    pub compare_new_first: bool,
}

/// The accessibility statement 総務省's guideline asks for: target level, standard, last test.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Accessibility {
    /// Conformance level aimed at: A, AA or AAA.
    pub target_level: String,
    pub standard: String,
    /// Date of the last test, `YYYY-MM-DD`.
    pub tested: Option<String>,
    /// Tools used for the last test.
    pub tools: Vec<String>,
    /// Outcome of the last test, in Japanese.
    pub result: Option<String>,
    /// Where to report problems.
    pub contact: Option<String>,
}

impl Default for Accessibility {
    fn default() -> Self {
        Accessibility {
            target_level: "AA".to_string(),
            standard: "JIS X 8341-3:2016".to_string(),
            tested: None,
            tools: Vec::new(),
            result: None,
            contact: None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            theme: "default".to_string(),
            max_file_size: 5 * 1024 * 1024,
            organization: None,
            accessibility: Accessibility::default(),
            editions: Vec::new(),
            chapter_starts_page: false,
            compare_new_first: false,
        }
    }
}

impl Config {
    /// Parses the config file's text.
    pub fn parse(file: &SourceFile) -> Result<Config, Diagnostic> {
        let config: Config = parse_yaml(file, &file.text, 0)?;
        let at = |key: &str, value: &str, message: String| {
            let (s, e) = locate(&file.text, 0, key, Some(value));
            Diagnostic::at(file, s, e, message)
        };
        let theme = &config.theme;
        if theme.is_empty()
            || theme.starts_with('.')
            || !theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        {
            return Err(at(
                "theme",
                theme,
                crate::t!("config-theme-name", theme = theme),
            ));
        }
        if let Some(tested) = &config.accessibility.tested
            && let Err(message) = Date::parse(tested)
        {
            return Err(at("tested", tested, message));
        }
        let level = &config.accessibility.target_level;
        if !matches!(level.as_str(), "A" | "AA" | "AAA") {
            let message = crate::t!("config-target-level", level = level);
            return Err(at("target_level", level, message));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gets_defaults() {
        let c = Config::parse(&SourceFile::new("hoshin.yaml", "")).unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn unknown_keys_and_bad_theme_names_are_errors() {
        let e = Config::parse(&SourceFile::new("hoshin.yaml", "titel: x\n")).unwrap_err();
        assert!(e.message.contains("did you mean `title`"), "{}", e.message);
        let e = Config::parse(&SourceFile::new("hoshin.yaml", "theme: ../x\n")).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("folder name"), "{}", e.message);
    }
}
