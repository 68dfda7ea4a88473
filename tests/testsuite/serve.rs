//! `hoshin serve` and `hoshin build --watch`: the real binary on a copy of the bundled
//! site, real file edits, real HTTP on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{SiteCopy, hoshin, snapshot};

const DEADLINE: Duration = Duration::from_secs(20);

/// A running hoshin process, killed when dropped, its standard error gathered as it comes.
pub(crate) struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    pub(crate) fn start(site: &SiteCopy, args: &[&str]) -> Running {
        let mut child = hoshin()
            .args(args)
            .args(["--root", site.root().to_str().unwrap()])
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hoshin");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        Running { child, stderr }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr satisfies `f`; panics with stderr after the deadline.
    pub(crate) fn wait_stderr(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.stderr();
            if f(&s) {
                return s;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; stderr:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until a line of standard error satisfies `f` and returns that line.
    pub(crate) fn wait_line(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let all = self.wait_stderr(what, |s| s.lines().any(&f));
        all.lines().find(|l| f(l)).unwrap_or_default().to_string()
    }
}

/// `hoshin serve` on a free port.
struct Server {
    process: Running,
    port: u16,
}

impl Server {
    fn start(site: &SiteCopy) -> Server {
        let process = Running::start(site, &["serve", "--port", "0"]);
        let s = process.wait_stderr("the server to start", |s| {
            s.contains("serving the site at http://")
        });
        let port = s
            .split("serving the site at http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in stderr:\n{s}"));
        Server { process, port }
    }

    fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    /// Waits until `path` is served with a body satisfying `f`.
    fn wait_page(&self, path: &str, what: &str, f: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if f(&r) {
                return r;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {path} to show {what}; status {}; stderr:\n{}",
                r.status,
                self.process.stderr()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 request with a raw target, exactly as given.
fn request(port: u16, method: &str, target: &str) -> Response {
    let raw = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    raw_request(port, raw.as_bytes())
}

fn raw_request(port: u16, bytes: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut data = Vec::new();
    stream.read_to_end(&mut data).expect("read response");
    let split = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&data)));
    let head = String::from_utf8_lossy(&data[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head,
        body: data[split + 4..].to_vec(),
    }
}

/// An open Server-Sent Events connection; collects everything received.
struct Events {
    received: Arc<Mutex<String>>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /__hoshin/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let received = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&received);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let events = Events { received };
        events.wait("the hello event", |s| s.contains("event: hello"));
        events
    }

    fn wait(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.received.lock().unwrap().clone();
            if f(&s) {
                return s;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; received:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn clear(&self) {
        self.received.lock().unwrap().clear();
    }
}

const DIRECTIVE: &str = "content/1/1-2.md";
const DIRECTIVE_PAGE: &str = "/directives/1-2.html";

#[test]
fn serve_rebuilds_on_edit_reports_errors_and_recovers() {
    let site = SiteCopy::bundled();
    let server = Server::start(&site);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("/__hoshin/livereload.js"));
    let page = server.get(DIRECTIVE_PAGE);
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("編集で加えた一文"));

    let events = Events::open(server.port);

    // An edit of the text is served within the deadline, and announced.
    site.edit(DIRECTIVE, "①BPRの推進", "編集で加えた一文。\n\n①BPRの推進");
    server.wait_page(DIRECTIVE_PAGE, "the edit", |r| {
        r.text().contains("編集で加えた一文")
    });
    events.wait("a reload event", |s| s.contains("event: reload"));

    // Broken YAML: errors in the terminal and over SSE; the last good page stays.
    events.clear();
    site.edit(DIRECTIVE, "chapter: 1", "chapter: [1");
    let err = server
        .process
        .wait_stderr("the YAML error", |s| s.contains("content/1/1-2.md:3:"));
    assert!(err.contains("error"), "{err}");
    assert!(err.contains("still serving the last good site"), "{err}");
    let sse = events.wait("an errors event", |s| s.contains("event: errors"));
    assert!(sse.contains("content/1/1-2.md:3:"), "{sse}");
    let page = server.get(DIRECTIVE_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("編集で加えた一文"));
    // A page opened while the site is broken gets the errors at once.
    let late = Events::open(server.port);
    late.wait("the current errors", |s| s.contains("event: errors"));

    // Fixing the file recovers without a restart.
    events.clear();
    site.edit(DIRECTIVE, "chapter: [1", "chapter: 1");
    site.edit(DIRECTIVE, "編集で加えた一文。", "直した一文。");
    server.wait_page(DIRECTIVE_PAGE, "the fix", |r| {
        r.text().contains("直した一文")
    });
    events.wait("a reload event", |s| s.contains("event: reload"));

    // Deleting the whole content folder is an error, not an exit; restoring it recovers.
    let content = site.path("content");
    let aside = site.root().join("content-aside");
    std::fs::rename(&content, &aside).unwrap();
    server
        .process
        .wait_stderr("the missing content error", |s| {
            s.contains("content folder not found")
        });
    assert_eq!(server.get(DIRECTIVE_PAGE).status, 200);
    std::fs::rename(&aside, &content).unwrap();
    site.edit(DIRECTIVE, "直した一文。", "戻した一文。");
    server.wait_page(DIRECTIVE_PAGE, "the restored site", |r| {
        r.text().contains("戻した一文")
    });
}

#[test]
fn serve_adds_and_removes_directives_in_the_indexes() {
    let site = SiteCopy::bundled();
    let server = Server::start(&site);
    assert_eq!(server.get("/directives/1-9.html").status, 404);

    let new = site
        .read(DIRECTIVE)
        .replace("id: \"1-2\"", "id: \"1-9\"")
        .replace("number: 2", "number: 9")
        .replace(
            "title: 市民サービスの向上と行政事務の効率化",
            "title: 新しく加えた指示",
        )
        .replace("related: [\"2-2\"]", "related: []");
    // Written as editors do: a temporary file renamed over the target.
    site.write("content/1/.1-9.md.swp", &new);
    std::fs::rename(
        site.path("content/1/.1-9.md.swp"),
        site.path("content/1/1-9.md"),
    )
    .unwrap();
    let page = server.wait_page("/directives/1-9.html", "the new directive", |r| {
        r.status == 200
    });
    assert!(page.text().contains("新しく加えた指示"));
    let chapter = server.get("/chapters/1.html");
    assert!(
        chapter.text().contains("新しく加えた指示"),
        "chapter lists it"
    );
    let json = server.get("/policy.json");
    assert_eq!(
        json.header("content-type").as_deref(),
        Some("application/json")
    );
    assert!(json.text().contains("\"1-9\""));
    let topic = server.get("/topics/digital.html");
    assert!(
        topic.text().contains("新しく加えた指示"),
        "テーマ page lists it"
    );

    std::fs::remove_file(site.path("content/1/1-9.md")).unwrap();
    server.wait_page("/directives/1-9.html", "the removal", |r| r.status == 404);
    assert!(
        !server
            .get("/chapters/1.html")
            .text()
            .contains("新しく加えた指示")
    );
    assert!(
        !server
            .get("/topics/digital.html")
            .text()
            .contains("新しく加えた指示")
    );
    assert!(!server.get("/policy.json").text().contains("\"1-9\""));
}

#[test]
fn serve_never_serves_files_outside_the_site() {
    let site = SiteCopy::bundled();
    site.write("secret.txt", "TOP-SECRET-VALUE");
    let server = Server::start(&site);
    for target in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/directives/../../secret.txt",
        "/directives/%2e%2e/%2e%2e/secret.txt",
        "/secret.txt",
        "/hoshin.yaml",
        "/content/1/1-2.md",
        "//etc/passwd",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/index.html%00.txt",
        "/static/..%2f..%2fsecret.txt",
        "/etc/passwd",
    ] {
        let r = request(server.port, "GET", target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        let text = r.text();
        assert!(!text.contains("TOP-SECRET-VALUE"), "{target} leaked");
        assert!(!text.contains("root:"), "{target} leaked /etc/passwd");
        assert!(
            !text.contains("title: 令和8年度"),
            "{target} leaked hoshin.yaml"
        );
    }
    // Absolute-form and malformed request targets.
    for raw in [
        "GET http://127.0.0.1/../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /../../../../secret.txt HTTP/1.0\r\n\r\n",
    ] {
        let r = raw_request(server.port, raw.as_bytes());
        assert!(!r.text().contains("TOP-SECRET-VALUE"), "{raw:?} leaked");
        assert_ne!(r.status, 200, "{raw:?}");
    }

    // The 404 page is the site's, in Japanese, with status 404.
    let missing = server.get("/directives/nope.html");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("ページが見つかりません"));
    assert!(missing.text().contains("<base href=\"/\">"));

    // Content types, folders, HEAD.
    let css = server.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    let js = server.get("/static/site.js");
    assert_eq!(
        js.header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    let topics = server.get("/topics/");
    assert_eq!(topics.status, 200);
    assert!(topics.text().contains("テーマ別索引"));
    let redirect = server.get("/topics");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location").as_deref(), Some("/topics/"));
    // Found while writing the serve_path fuzz target: `//topics` redirected to `//topics/`, a
    // protocol-relative URL that a browser follows to the host `topics`.
    let redirect = server.get("//topics");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location").as_deref(), Some("/topics/"));
    let head = request(server.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let len: usize = head.header("content-length").unwrap().parse().unwrap();
    assert_eq!(len, server.get("/").body.len());
    assert_eq!(request(server.port, "POST", "/").status, 405);

    // The built site itself never contains the live-reload script.
    let built = site.build();
    assert_eq!(built.status, 0, "{}", built.stderr);
    for (path, bytes) in snapshot(&site.path("dist")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__hoshin"),
            "{path} contains the live-reload script"
        );
    }
}

#[test]
fn serve_holds_200_concurrent_clients() {
    let site = SiteCopy::bundled();
    let server = Server::start(&site);
    let port = server.port;
    let threads: Vec<_> = (0..200)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { DIRECTIVE_PAGE };
                request(port, "GET", path).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
}

#[test]
fn serve_binds_to_loopback_unless_asked() {
    let site = SiteCopy::bundled();
    let server = Server::start(&site);
    assert!(!server.process.stderr().contains("warning: listening on"));
    let open = Running::start(&site, &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    open.wait_stderr("the warning", |s| {
        s.contains("warning: listening on 0.0.0.0") && s.contains("serving the site at")
    });
}

/// Waits for the `n`th write of `build --watch`.
fn wait_writes(p: &Running, n: usize) -> String {
    p.wait_stderr(&format!("write number {n}"), |s| {
        s.matches("\nwrote ").count() + usize::from(s.starts_with("wrote ")) >= n
    })
}

#[test]
fn build_watch_keeps_dist_on_a_bad_edit_and_matches_a_clean_build() {
    let site = SiteCopy::bundled();
    let watch = Running::start(&site, &["build", "--watch"]);
    wait_writes(&watch, 1);
    let dist = site.path("dist");
    let before = snapshot(&dist);
    assert!(before.contains_key("index.html"));

    // A bad edit: errors reported, dist/ untouched.
    site.edit(DIRECTIVE, "chapter: 1", "chapter: [1");
    let s = watch.wait_stderr("the error", |s| s.contains("was left as it was"));
    assert!(s.contains("content/1/1-2.md:3:"), "{s}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        snapshot(&dist) == before,
        "dist/ changed after a failed rebuild"
    );

    // A sequence of edits of every kind; after each, dist/ equals a clean build.
    site.edit(DIRECTIVE, "chapter: [1", "chapter: 1");
    wait_writes(&watch, 2);
    assert_same_as_clean_build(&site, "fixed");
    type Step = Box<dyn Fn(&SiteCopy)>;
    let steps: Vec<(&str, Step)> = vec![
        (
            "body paragraph (body-only rebuild)",
            Box::new(|s| s.edit(DIRECTIVE, "①BPRの推進", "段落を加えた。\n\n①BPRの推進")),
        ),
        (
            "body text",
            Box::new(|s| s.edit(DIRECTIVE, "①BPRの推進", "①本文を変えたBPRの推進")),
        ),
        (
            "title",
            Box::new(|s| {
                s.edit(
                    DIRECTIVE,
                    "title: 市民サービスの向上と行政事務の効率化",
                    "title: 題名を変えた指示",
                )
            }),
        ),
        (
            "テーマ and related",
            Box::new(|s| {
                s.edit(DIRECTIVE, "themes: [digital,", "themes: [");
                s.edit(DIRECTIVE, "related: [\"2-2\"]", "related: []");
            }),
        ),
        (
            "new directive",
            Box::new(|s| {
                let new = s
                    .read("content/1/1-1.md")
                    .replace("id: \"1-1\"", "id: \"1-8\"")
                    .replace("number: 1\n", "number: 8\n");
                s.write("content/1/1-8.md", &new);
            }),
        ),
        (
            "deleted directive",
            Box::new(|s| std::fs::remove_file(s.path("content/1/1-8.md")).unwrap()),
        ),
        (
            "template",
            Box::new(|s| {
                s.edit(
                    "themes/default/templates/404.html",
                    "<h1>ページが見つかりません</h1>",
                    "<h1>ページが見つかりません。</h1>",
                )
            }),
        ),
    ];
    for (what, step) in steps {
        step(&site);
        assert_same_as_clean_build(&site, what);
    }
    let log = watch.stderr();
    assert!(
        !log.lines().any(|l| l.starts_with("error:")),
        "writing failed:\n{log}"
    );
    // Only the files whose bytes changed are written: an edit of one file changes a few.
    let changed: Vec<usize> = (log.lines())
        .filter_map(|l| {
            l.split(" directives: ")
                .nth(1)?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert!(changed.iter().skip(1).any(|&n| n > 0 && n < 30), "{log}");

    // Ctrl+C leaves dist/ complete, without temporary files.
    let mut watch = watch;
    let pid = rustix::process::Pid::from_raw(watch.child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let status = watch.child.wait().unwrap();
    assert!(!status.success(), "{status:?}");
    let temporary = walkdir::WalkDir::new(site.path("dist"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().contains("hoshin-tmp"));
    assert!(temporary.is_none(), "{temporary:?}");
    assert_same_as_clean_build(&site, "Ctrl+C");
}

#[test]
fn policy_json_assembled_from_entries_is_what_serde_json_prints() {
    let site = SiteCopy::bundled();
    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let bytes = std::fs::read(site.path("dist/policy.json")).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let mut pretty = serde_json::to_vec_pretty(&value).unwrap();
    pretty.push(b'\n');
    assert!(
        pretty == bytes,
        "policy.json is not serde_json's pretty form"
    );
}

/// Waits until dist/ equals a clean build of the current sources, byte for byte.
fn assert_same_as_clean_build(site: &SiteCopy, after: &str) {
    let clean_out = site.dir.path().parent().unwrap().join(format!(
        "hoshin-clean-{}",
        site.root().file_name().unwrap().to_string_lossy()
    ));
    let run = crate::support::run(
        &[
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--out",
            clean_out.to_str().unwrap(),
        ],
        site.root(),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let clean = snapshot(&clean_out);
    remove_marked(&clean_out);
    let start = Instant::now();
    loop {
        // dist/ may be swapped while it is read: then read it again.
        let Some(incremental) = try_snapshot(&site.path("dist")) else {
            continue;
        };
        let differing: Vec<&String> = clean
            .keys()
            .chain(incremental.keys())
            .filter(|k| clean.get(*k) != incremental.get(*k))
            .collect();
        if differing.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "after the {after} edit, dist/ differs from a clean build in {differing:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn remove_marked(dir: &Path) {
    if dir.join(hoshin::output::MARKER_FILE).is_file() {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// Like `snapshot`, but `None` instead of a panic when the folder changes meanwhile.
fn try_snapshot(dir: &Path) -> Option<std::collections::BTreeMap<String, Vec<u8>>> {
    std::panic::catch_unwind(|| snapshot(dir)).ok()
}

/// A session (what `serve` and `build --watch` keep) rebuilds after each edit: a text
/// edit, a template that changes how bodies print, and a front-matter edit. After each,
/// its files are those of a clean build, byte for byte, and the update lists exactly the
/// files whose bytes changed.
#[test]
fn session_rebuilds_equal_a_clean_build_and_report_only_changed_files() {
    use hoshin::pipeline::session::Session;
    let site = SiteCopy::bundled();
    let mut session = Session::new(site.root());
    session.rebuild().expect("first build");
    let clean_files = |site: &SiteCopy| {
        let Ok(clean) = hoshin::pipeline::render(site.root()) else {
            panic!("the site does not build")
        };
        (clean.files.into_iter())
            .map(|f| (f.path, f.bytes.to_vec()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let template = site
        .read("themes/default/templates/print-chapter.html")
        .replace(
            "{{ d.body_html | safe }}",
            "{{ d.body_html | replace(from=\"推進\", to=\"推進★\") | safe }}",
        );
    assert!(template.contains("推進★"), "the template shows the body");
    let edits: [(&str, &str, &str); 3] = [
        (
            DIRECTIVE,
            "①BPRの推進",
            "段落を加え、推進した。\n\n①BPRの推進",
        ),
        ("templates/print-chapter.html", "", &template),
        (
            "content/3/3-2.md",
            "title: 法令遵守と",
            "title: 編集した法令遵守と",
        ),
    ];
    for (round, (file, from, to)) in edits.into_iter().enumerate() {
        let before = session.files().clone();
        if from.is_empty() {
            site.write(file, to);
        } else {
            site.edit(file, from, to);
        }
        let update = session.rebuild().expect("rebuild");
        let clean = clean_files(&site);
        let session_files: std::collections::BTreeMap<String, Vec<u8>> = (session.files().iter())
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect();
        assert!(
            session_files == clean,
            "round {round}: not a clean build's files"
        );
        let changed: Vec<&String> = (clean.iter())
            .filter(|(p, b)| before.get(*p).is_none_or(|old| **old != **b))
            .map(|(p, _)| p)
            .collect();
        let written: Vec<&String> = update.written.iter().map(|(p, _)| p).collect();
        assert_eq!(written, changed, "round {round}");
        assert!(
            !written.is_empty() && written.len() < clean.len(),
            "round {round}: {written:?}"
        );
        assert!(written.iter().any(|p| *p == "print.html"), "round {round}");
    }
}

/// The print bodies a session keeps between rebuilds follow every kind of edit: text
/// edits of different directives, then a front-matter edit (a whole-site rebuild), then a
/// text edit again; after each, the files are those of a clean build.
#[test]
fn kept_print_bodies_follow_edits_of_other_directives_and_front_matter() {
    use hoshin::pipeline::session::Session;
    let site = SiteCopy::bundled();
    let mut session = Session::new(site.root());
    session.rebuild().expect("first build");
    // (file, from, to): each `to` holds 「…つ目の編集」, which the print document must show.
    let edits: [(&str, &str, &str); 4] = [
        (DIRECTIVE, "①BPRの推進", "一つ目の編集。\n\n①BPRの推進"),
        (
            "content/2/2-1.md",
            "各施策を着実に推進すること。",
            "各施策を着実に推進すること（二つ目の編集）。",
        ),
        (
            "content/3/3-2.md",
            "title: 法令遵守と",
            "title: 三つ目の編集で法令遵守と",
        ),
        (DIRECTIVE, "一つ目の編集。", "四つ目の編集。"),
    ];
    let markers = [
        "一つ目の編集",
        "二つ目の編集",
        "三つ目の編集",
        "四つ目の編集",
    ];
    for (round, (file, from, to)) in edits.into_iter().enumerate() {
        site.edit(file, from, to);
        session.rebuild().expect("rebuild");
        let Ok(clean) = hoshin::pipeline::render(site.root()) else {
            panic!("round {round}: the site does not build")
        };
        let print = clean.files.iter().find(|f| f.path == "print.html").unwrap();
        let text = std::str::from_utf8(&print.bytes).unwrap();
        assert!(text.contains(markers[round]), "round {round}");
        let differing: Vec<&str> = clean
            .files
            .iter()
            .filter(|f| session.files().get(&f.path).is_none_or(|b| *b != f.bytes))
            .map(|f| f.path.as_str())
            .collect();
        assert!(differing.is_empty(), "round {round}: {differing:?}");
        assert_eq!(session.files().len(), clean.files.len(), "round {round}");
    }
}

#[test]
fn serve_rebuilds_a_site_with_editions_when_an_older_edition_changes() {
    let site = SiteCopy::bundled();
    crate::support::copy_tree(&site.path("content"), &site.path("editions/2025/content"));
    site.edit(
        "editions/2025/content/_index.md",
        "fiscal_year: 2026",
        "fiscal_year: 2025",
    );
    let config = site.read("hoshin.yaml");
    site.write(
        "hoshin.yaml",
        &format!("{config}editions:\n  - editions/2025\n"),
    );
    let server = Server::start(&site);
    let table = server.get("/compare/2025-2026.html");
    assert_eq!(table.status, 200);
    assert!(table.text().contains("変更なし"));
    assert_eq!(server.get("/editions/2025/directives/3-2.html").status, 200);

    // An edit of the older edition is picked up: the table shows it.
    site.edit("editions/2025/content/3/3-2.md", "適正な手続", "適切な手続");
    server.wait_page("/compare/2025-2026.html", "the amendment", |r| {
        r.text().contains("<del>切</del>")
    });
    // And an edit of the newest edition too.
    site.edit("content/3/3-2.md", "適正な手続", "適正かつ迅速な手続");
    server.wait_page("/compare/2025-2026.html", "the second amendment", |r| {
        r.text().contains("<ins>正かつ迅速</ins>")
    });
    let old_page = server.get("/editions/2025/directives/3-2.html").text();
    assert!(old_page.contains("適切な手続"), "{old_page}");
}
