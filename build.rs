//! Finds the number of mimalloc's `allow_thp` option in the `mimalloc.h` that
//! libmimalloc-sys compiled (its Rust bindings do not name this option), and hands it to
//! the program as `HOSHIN_MI_OPTION_ALLOW_THP` (see `src/allocator.rs`).
//! Should the header change shape, the build goes on with a warning and the option is
//! left as mimalloc sets it.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=DEP_MIMALLOC_INCLUDE_DIR");
    let Some(dir) = std::env::var_os("DEP_MIMALLOC_INCLUDE_DIR") else {
        println!("cargo::warning=libmimalloc-sys gave no include folder; THP tuning left out");
        return;
    };
    let header = Path::new(&dir).join("mimalloc.h");
    println!("cargo::rerun-if-changed={}", header.display());
    let number = std::fs::read_to_string(&header)
        .ok()
        .and_then(|text| option_number(&text, "mi_option_allow_thp"));
    match number {
        Some(n) => println!("cargo::rustc-env=HOSHIN_MI_OPTION_ALLOW_THP={n}"),
        None => println!(
            "cargo::warning=mi_option_allow_thp not found in {}; THP tuning left out",
            header.display()
        ),
    }
}

/// The value of `name` in `typedef enum mi_option_e { … }`: its place among the members
/// before `_mi_option_last`, provided none of them is given a value of its own.
fn option_number(header: &str, name: &str) -> Option<usize> {
    let body = header.split_once("typedef enum mi_option_e {")?.1;
    let body = body.split_once("_mi_option_last")?.0;
    let members: Vec<&str> = body
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .filter(|member| !member.is_empty())
        .collect();
    if members
        .iter()
        .any(|m| m.contains('=') || !m.starts_with("mi_option_"))
    {
        return None;
    }
    members.iter().position(|m| *m == name)
}
