//! Instruments for profiling and benchmarking, switched on from the environment; they
//! cost nothing when unset.
//! - `HOSHIN_TIMINGS=1`: each pipeline stage prints its wall time to stderr.
//! - `HOSHIN_BENCH_OMIT=…`: `hoshin build` leaves some outputs out ([`Omitted`]), so that
//!   `scripts/bench.sh --breakdown` can measure what each costs in a whole build.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("HOSHIN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// Runs `f`, printing `stage <name>: <ms> ms` to stderr when timings are on.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let out = f();
    eprintln!(
        "stage {name}: {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    out
}

/// Outputs that `hoshin build` leaves out, for the benchmark's breakdown of a build's
/// time by output (`HOSHIN_BENCH_OMIT`, a comma-separated list of the names below). A
/// site built so is incomplete (its pages link to files it lacks): never for use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// `print`: `print.html` and the テーマ extracts.
    pub print: bool,
    /// `extracts`: the テーマ extracts (`print/topics/`) only.
    pub extracts: bool,
    /// `json`: `policy.json`.
    pub policy_json: bool,
    /// `search`: the search index (`search/`); the search page stays.
    pub search_index: bool,
}

/// The environment variable read by [`Omitted::from_env`].
pub const OMIT_ENV: &str = "HOSHIN_BENCH_OMIT";

impl Omitted {
    /// What `HOSHIN_BENCH_OMIT` asks to leave out; nothing when it is unset.
    pub fn from_env() -> Result<Omitted, String> {
        match std::env::var(OMIT_ENV) {
            Ok(list) => Omitted::parse(&list),
            Err(_) => Ok(Omitted::default()),
        }
    }

    fn parse(list: &str) -> Result<Omitted, String> {
        let mut omitted = Omitted::default();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some((_, flag)) = omitted.flags().into_iter().find(|(n, _)| *n == name) else {
                let known = Omitted::default().flags().map(|(n, _)| n).join(", ");
                return Err(format!(
                    "{OMIT_ENV}: unknown output '{name}' (known: {known})"
                ));
            };
            *flag = true;
        }
        Ok(omitted)
    }

    /// Each output by the name the variable gives it, with its flag.
    fn flags(&mut self) -> [(&'static str, &mut bool); 4] {
        [
            ("print", &mut self.print),
            ("extracts", &mut self.extracts),
            ("json", &mut self.policy_json),
            ("search", &mut self.search_index),
        ]
    }

    /// Whether anything is left out.
    pub fn any(&self) -> bool {
        *self != Omitted::default()
    }

    /// The names of what is left out, as the variable lists them.
    pub fn names(&self) -> Vec<&'static str> {
        let mut copy = *self;
        (copy.flags().into_iter())
            .filter_map(|(name, on)| on.then_some(name))
            .collect()
    }

    /// Whether page `key` is made.
    pub fn keeps(&self, key: crate::render::PageKey) -> bool {
        use crate::render::PageKey;
        match key {
            PageKey::Print => !self.print,
            PageKey::TopicPrint(_) => !self.print && !self.extracts,
            PageKey::PolicyJson => !self.policy_json,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Omitted;
    use crate::render::PageKey;

    #[test]
    fn omitted_outputs_are_named_in_a_list() {
        let none = Omitted::parse("").unwrap();
        assert!(!none.any());
        assert!(none.keeps(PageKey::Print) && none.keeps(PageKey::TopicPrint(0)));
        let some = Omitted::parse("extracts, json").unwrap();
        assert_eq!(some.names(), ["extracts", "json"]);
        assert!(some.keeps(PageKey::Print));
        assert!(!some.keeps(PageKey::TopicPrint(3)));
        assert!(!some.keeps(PageKey::PolicyJson));
        assert!(some.keeps(PageKey::Directive(0)) && !some.search_index);
        let print = Omitted::parse("print").unwrap();
        assert!(!print.keeps(PageKey::Print) && !print.keeps(PageKey::TopicPrint(0)));
        let err = Omitted::parse("print,pdf").unwrap_err();
        assert!(err.contains("'pdf'"), "{err}");
        assert!(
            err.contains("(known: print, extracts, json, search)"),
            "{err}"
        );
    }
}
