//! What every build stage shares: the site's pages ([`PageKey`]), their URLs and the built
//! files ([`OutputFile`]). Imports only the model, so that every stage can name them.

use std::sync::Arc;

use crate::model::Site;

/// The bytes of an output file.
pub type Bytes = Arc<Vec<u8>>;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators, e.g. `directives/1-2.html`.
    pub path: String,
    /// Shared: a page reused from the last build is the same allocation.
    pub bytes: Bytes,
}

/// Every page the site has; the unit of (re-)rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKey {
    Home,
    Chapter(usize),
    Directive(usize),
    Topics,
    Topic(usize),
    Plans,
    Plan(usize),
    NotFound,
    PolicyJson,
    Search,
    /// The whole notice as one print document (`print.html`).
    Print,
    /// The directives of one テーマ as a print document.
    TopicPrint(usize),
    /// The accessibility statement (ウェブアクセシビリティ方針).
    Accessibility,
}

impl PageKey {
    pub fn path(&self, site: &Site) -> String {
        match *self {
            PageKey::Home => HOME_URL.to_string(),
            PageKey::Chapter(i) => chapter_url(site.chapters[i].number),
            PageKey::Directive(i) => directive_url(&site.directives[i].id),
            PageKey::Topics => TOPICS_URL.to_string(),
            PageKey::Topic(i) => topic_url(&site.topics[i].id),
            PageKey::Plans => PLANS_URL.to_string(),
            PageKey::Plan(i) => plan_url(&site.plans[i].id),
            PageKey::NotFound => "404.html".to_string(),
            PageKey::PolicyJson => "policy.json".to_string(),
            PageKey::Search => SEARCH_URL.to_string(),
            PageKey::Print => PRINT_URL.to_string(),
            PageKey::TopicPrint(i) => topic_print_url(&site.topics[i].id),
            PageKey::Accessibility => ACCESSIBILITY_URL.to_string(),
        }
    }
}

/// All pages of a site in a stable order: long ones (print, tables of contents, `policy.json`)
/// first so parallel rendering does not end on one long page; the many short ones even it out.
pub fn all_pages(site: &Site) -> Vec<PageKey> {
    let mut keys = vec![PageKey::Print];
    keys.extend((0..site.topics.len()).map(PageKey::TopicPrint));
    keys.extend([
        PageKey::PolicyJson,
        PageKey::Home,
        PageKey::Topics,
        PageKey::Plans,
        PageKey::NotFound,
        PageKey::Search,
        PageKey::Accessibility,
    ]);
    keys.extend((0..site.topics.len()).map(PageKey::Topic));
    keys.extend((0..site.plans.len()).map(PageKey::Plan));
    keys.extend((0..site.chapters.len()).map(PageKey::Chapter));
    keys.extend((0..site.directives.len()).map(PageKey::Directive));
    keys
}

pub fn directive_url(id: &str) -> String {
    format!("directives/{id}.html")
}
pub fn chapter_url(number: u32) -> String {
    format!("chapters/{number}.html")
}
pub fn topic_url(id: &str) -> String {
    format!("topics/{id}.html")
}
pub fn plan_url(id: &str) -> String {
    format!("plans/{id}.html")
}
/// The print document of one テーマ.
pub fn topic_print_url(id: &str) -> String {
    format!("print/topics/{id}.html")
}
/// The whole notice as one print document.
pub const PRINT_URL: &str = "print.html";
pub const HOME_URL: &str = "index.html";
pub const ACCESSIBILITY_URL: &str = "accessibility.html";
pub const TOPICS_URL: &str = "topics/index.html";
pub const PLANS_URL: &str = "plans/index.html";
pub const SEARCH_URL: &str = "search.html";
/// Folder of the search index files (`search/index.js` and the shards).
pub const SEARCH_INDEX_DIR: &str = "search";
