//! hoshin (方針): a static site generator for a municipal department's annual operating
//! policy. Markdown with YAML front matter in `content/` becomes a cross-linked site.
//! The pipeline ([`pipeline`]): [`input`] reads the sources, [`resolve`] checks them and
//! builds the [`model`], [`render`], [`print`] and [`search`] turn it into files in
//! memory ([`page::OutputFile`]), [`output`] writes them atomically. See ARCHITECTURE.md.

pub mod cli;
pub mod cmd;
pub mod diag;
pub mod editions;
pub mod i18n;
pub mod import;
pub mod input;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod output;
pub mod page;
pub mod pipeline;
pub mod print;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod starter;
