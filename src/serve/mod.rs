//! The preview server of `hoshin serve`: serves the last good build from memory, tells open
//! pages to reload after every rebuild, and shows build errors over the page. Only the built
//! site's exact paths are served (a map lookup, never a file system path), so `..`, encoded
//! separators, absolute paths and NUL bytes reach nothing else. Pages get a live-reload script
//! (Server-Sent Events at [`EVENTS_PATH`]) that exists only in what this server sends.

pub mod watch;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, LazyLock, RwLock};

use anyhow::{Context, Result};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::Serialize;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::diag::Diagnostic;
use crate::t;

/// Server-Sent Events announcing rebuilds and errors.
pub const EVENTS_PATH: &str = "/__hoshin/events";
/// The live-reload script injected into served pages.
pub const SCRIPT_PATH: &str = "/__hoshin/livereload.js";
const SCRIPT: &str = include_str!("livereload.js");

/// What the server knows: the last good files and the current errors.
pub struct Live {
    files: RwLock<Arc<crate::pipeline::session::Files>>,
    errors: RwLock<Option<Arc<str>>>,
    events: broadcast::Sender<LiveEvent>,
}

#[derive(Debug, Clone)]
enum LiveEvent {
    Reload,
    Errors(Arc<str>),
}

/// The errors as sent to the browser, with the overlay's words in the run's language.
#[derive(Serialize)]
struct Overlay {
    /// The language of the words (`ja`, `en`), for the overlay's `lang`.
    lang: &'static str,
    title: String,
    summary: String,
    close: String,
    errors: Vec<ErrorView>,
}

/// One problem as sent to the browser.
#[derive(Serialize)]
struct ErrorView {
    location: String,
    message: String,
    /// The full rendering, with the source line and the caret.
    text: String,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            files: RwLock::new(Arc::default()),
            errors: RwLock::new(None),
            events: broadcast::channel(16).0,
        }
    }
}

impl Live {
    /// Serves `files` from now on and tells open pages to reload.
    pub fn publish(&self, files: &crate::pipeline::session::Files) {
        *self.files.write().expect("lock") = Arc::new(files.clone());
        self.errors.write().expect("lock").take();
        let _ = self.events.send(LiveEvent::Reload);
    }

    /// Shows `errors` in open pages; the last good files stay served.
    pub fn fail(&self, errors: &[Diagnostic]) {
        let views: Vec<ErrorView> = errors
            .iter()
            .filter(|d| d.is_error())
            .map(|d| ErrorView {
                location: if d.line == 0 {
                    d.path.display().to_string()
                } else {
                    format!("{}:{}:{}", d.path.display(), d.line, d.col)
                },
                message: d.message.clone(),
                text: d.to_string(),
            })
            .collect();
        let overlay = Overlay {
            lang: lang_code(),
            title: t!("serve-overlay-title", count = views.len()),
            summary: t!("serve-overlay-summary"),
            close: t!("serve-overlay-close"),
            errors: views,
        };
        let json: Arc<str> = serde_json::to_string(&overlay)
            .expect("error views serialize")
            .into();
        *self.errors.write().expect("lock") = Some(Arc::clone(&json));
        let _ = self.events.send(LiveEvent::Errors(json));
    }

    fn snapshot(&self) -> Arc<crate::pipeline::session::Files> {
        Arc::clone(&self.files.read().expect("lock"))
    }
}

/// Serves `live` on `addr` until the process ends. Calls `ready` with the bound address.
pub fn run(addr: SocketAddr, live: Arc<Live>, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .with_context(|| t!("serve-cannot-start"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| t!("serve-cannot-listen", address = addr.to_string()))?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(live))
            .await
            .with_context(|| t!("serve-stopped"))
    })
}

fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(page)
        .with_state(live)
}

async fn events(
    State(live): State<Arc<Live>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let rx = live.events.subscribe();
    let mut first = vec![Event::default().event("hello").data("hoshin")];
    if let Some(errors) = live.errors.read().expect("lock").clone() {
        first.push(Event::default().event("errors").data(errors.as_ref()));
    }
    let stream = tokio_stream::iter(first.into_iter().map(Ok)).chain(BroadcastStream::new(rx).map(
        |event| {
            Ok(match event {
                Ok(LiveEvent::Errors(json)) => Event::default().event("errors").data(json.as_ref()),
                // A reload, or events were missed: reloading is always right.
                Ok(LiveEvent::Reload) | Err(_) => Event::default().event("reload").data("reload"),
            })
        },
    ));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn script() -> Response {
    let mut r = Response::new(Body::from(SCRIPT));
    set_common_headers(&mut r, "text/javascript; charset=utf-8");
    r
}

fn set_common_headers(r: &mut Response, content_type: &'static str) {
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// A request path's key in the file map: percent-decoded, `index.html` for folders. `None`
/// unless a plain path in the site (`/`-rooted; no `.`/`..`, backslash, NUL or bad UTF-8).
pub fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    if !decoded.starts_with('/') || decoded.contains(['\0', '\\']) {
        return None;
    }
    let parts: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if (parts.iter()).any(|s| matches!(*s, "." | "..") || s.chars().any(char::is_control)) {
        return None;
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// What a request path gets from a site whose files are those `exists` accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The file with this key.
    File(String),
    /// A folder without its slash: redirect here, so that relative links resolve.
    Redirect(String),
    /// A plain path that is no file of the site.
    NotFound,
    /// Not a plain path inside the site (see [`site_path`]).
    BadRequest,
}

/// Maps a request path to what the server sends; `page` does nothing else with it.
pub fn route(raw: &str, exists: impl Fn(&str) -> bool) -> Route {
    let Some(key) = site_path(raw) else {
        return Route::BadRequest;
    };
    if exists(&key) {
        Route::File(key)
    } else if !key.is_empty() && exists(&format!("{key}/index.html")) {
        Route::Redirect(folder_location(&key))
    } else {
        Route::NotFound
    }
}

/// `/` + the key's segments, percent-encoded, + `/`; from the key, not the request:
/// `//topics` must not become `//topics/`, which a browser reads as the host `topics`.
fn folder_location(key: &str) -> String {
    /// Everything but unreserved characters and a few sub-delimiters safe in a path.
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let mut location = String::with_capacity(key.len() + 2);
    for segment in key.split('/') {
        location.push('/');
        location.extend(utf8_percent_encode(segment, SEGMENT));
    }
    location.push('/');
    location
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>`, and a `<base>` if served at another path.
fn inject(html: &[u8], base: bool) -> Vec<u8> {
    let tag = format!(r#"<script src="{SCRIPT_PATH}"></script>"#);
    let mut out = Vec::with_capacity(html.len() + tag.len() + 32);
    let body_end = find_last(html, b"</body>").unwrap_or(html.len());
    let head_start =
        (base.then(|| find_last(html, b"<head>")).flatten()).map(|i| i + b"<head>".len());
    match head_start {
        Some(h) if h <= body_end => {
            out.extend_from_slice(&html[..h]);
            out.extend_from_slice(b"<base href=\"/\">");
            out.extend_from_slice(&html[h..body_end]);
        }
        _ => out.extend_from_slice(&html[..body_end]),
    }
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[body_end..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A plain-text response: `text` and a line break.
fn plain(status: StatusCode, text: String) -> Response {
    let mut r = (status, text + "\n").into_response();
    set_common_headers(&mut r, "text/plain; charset=utf-8");
    r
}

/// The run's language as an HTML `lang`.
fn lang_code() -> &'static str {
    match crate::i18n::lang() {
        crate::i18n::Lang::Ja => "ja",
        crate::i18n::Lang::En => "en",
    }
}

/// Shown while no build has succeeded yet; the script shows the errors over it.
static NO_SITE_PAGE: LazyLock<String> = LazyLock::new(|| {
    let text = |id| escape_html(&crate::i18n::tr(id, &[]));
    format!(
        r#"<!DOCTYPE html>
<html lang="{}">
<head><meta charset="utf-8"><title>{}</title></head>
<body>
<main>
<h1>{}</h1>
<p>{}</p>
</main>
</body>
</html>
"#,
        lang_code(),
        text("serve-no-site-title"),
        text("serve-no-site-heading"),
        text("serve-no-site-text"),
    )
});

/// `text` with `&`, `<`, `>` and `"` escaped for HTML.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn page(State(live): State<Arc<Live>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            t!("serve-get-and-head-only"),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let files = live.snapshot();
    let (status, key) = match route(uri.path(), |key| files.contains_key(key)) {
        Route::File(key) => (StatusCode::OK, key),
        Route::Redirect(location) => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::PERMANENT_REDIRECT;
            let v = HeaderValue::from_str(&location).expect("percent-encoded ASCII");
            r.headers_mut().insert(header::LOCATION, v);
            return r;
        }
        Route::BadRequest => return plain(StatusCode::BAD_REQUEST, t!("serve-bad-path")),
        Route::NotFound if files.is_empty() => {
            let body = inject(NO_SITE_PAGE.as_bytes(), false);
            return respond(StatusCode::SERVICE_UNAVAILABLE, "index.html", body, &method);
        }
        Route::NotFound => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let Some(bytes) = files.get(&key) else {
        return plain(StatusCode::NOT_FOUND, t!("serve-not-found"));
    };
    let body = if key.ends_with(".html") {
        inject(bytes, status == StatusCode::NOT_FOUND)
    } else {
        bytes.to_vec()
    };
    respond(status, &key, body, &method)
}

fn respond(status: StatusCode, key: &str, body: Vec<u8>, method: &Method) -> Response {
    let len = body.len();
    let mut r = if *method == Method::HEAD {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(Bytes::from(body)))
    };
    *r.status_mut() = status;
    set_common_headers(&mut r, content_type(key));
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_site_are_mapped() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/topics/").as_deref(), Some("topics/index.html"));
        assert_eq!(
            site_path("/directives/1-2.html").as_deref(),
            Some("directives/1-2.html")
        );
        assert_eq!(site_path("/%E3%83%86.html").as_deref(), Some("テ.html"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/..%2fCargo.toml",
            "/directives/%2E%2E/%2E%2E/etc/passwd",
            "/a%00b",
            "/a%5c..%5cb",
            "/%ff",
            "relative",
            "/./index.html",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn folders_redirect_to_their_slash_and_never_off_site() {
        let files = [
            "index.html",
            "topics/index.html",
            "テ/index.html",
            "a b/c/index.html",
        ];
        let route = |raw: &str| route(raw, |key| files.contains(&key));
        assert_eq!(route("/"), Route::File("index.html".into()));
        assert_eq!(route("/topics/"), Route::File("topics/index.html".into()));
        assert_eq!(route("/topics"), Route::Redirect("/topics/".into()));
        assert_eq!(route("/%E3%83%86"), Route::Redirect("/%E3%83%86/".into()));
        assert_eq!(route("/a%20b/c"), Route::Redirect("/a%20b/c/".into()));
        // Not the protocol-relative `//topics/`, which would leave the server.
        assert_eq!(route("//topics"), Route::Redirect("/topics/".into()));
        assert_eq!(route("///topics"), Route::Redirect("/topics/".into()));
        assert_eq!(route("/nope.html"), Route::NotFound);
        assert_eq!(route("/../index.html"), Route::BadRequest);
    }

    /// The request target the serve_path fuzz target made of `//topics` when the redirect
    /// still repeated the request's path (`Location: //topics/`).
    #[test]
    fn fuzz_double_slash_redirect_stays_on_the_server() {
        let raw = include_str!("../../tests/fixtures/fuzz/serve-path-double-slash.txt");
        let uri: Uri = raw.parse().unwrap();
        assert_eq!(uri.path(), "//topics");
        assert_eq!(
            route(uri.path(), |key| key == "topics/index.html"),
            Route::Redirect("/topics/".into())
        );
    }

    #[test]
    fn script_goes_before_the_end_of_body() {
        let out = inject(b"<html><head></head><body><p>x</p></body></html>", false);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "<html><head></head><body><p>x</p><script src=\"{SCRIPT_PATH}\"></script></body></html>"
            )
        );
        let out = String::from_utf8(inject(b"<head></head><body></body>", true)).unwrap();
        assert!(out.starts_with("<head><base href=\"/\"></head>"), "{out}");
    }
}
