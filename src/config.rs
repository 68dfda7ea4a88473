//! The site config, `hoshin.yaml` at the site root: site title and visual theme.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::front_matter::parse_yaml;
use crate::source::SourceFile;

pub const CONFIG_FILE: &str = "hoshin.yaml";

/// Validated site configuration. Every field has a default, so a site without
/// `hoshin.yaml` builds too.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Shown in the header of every page; defaults to the notice's title.
    pub title: Option<String>,
    /// Name of the visual theme under `themes/`.
    pub theme: String,
    /// Largest source file accepted, in bytes.
    pub max_file_size: u64,
    /// Organisation shown in the footer and the accessibility statement.
    pub organization: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            theme: "default".to_string(),
            max_file_size: 5 * 1024 * 1024,
            organization: None,
        }
    }
}

impl Config {
    /// Parses the config file's text.
    pub fn parse(file: &SourceFile) -> Result<Config, Diagnostic> {
        let config: Config = parse_yaml(file, &file.text, 0)?;
        let theme = &config.theme;
        if theme.is_empty()
            || theme.starts_with('.')
            || !theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        {
            let (s, e) = crate::front_matter::locate(&file.text, 0, "theme", Some(theme));
            return Err(Diagnostic::at(
                file,
                s,
                e,
                format!(
                    "theme name '{theme}' must be a folder name under themes/ (letters, digits, - and _)"
                ),
            ));
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
