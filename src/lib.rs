//! hoshin (方針): a static site generator for a municipal department's annual operating
//! policy. Markdown with YAML front matter in `content/` becomes a cross-linked site.
//!
//! The pipeline: [`load`] reads the sources, [`resolve`] checks them and builds the
//! [`model`], [`render`] turns it into files in memory, [`output`] swaps them in.

pub mod allocator;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod compare_page;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod edition;
pub mod fingerprint;
pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod print;
pub mod rebuild;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod skin;
pub mod source;
pub mod splice;
pub mod timing;
pub mod view;
