//! hoshin's integration tests: one binary that runs the real `hoshin` executable on
//! real files. Each module covers one area; `support` holds the shared helpers.

mod build;
mod corpus;
mod docx_fixture;
mod editions;
mod errors;
mod import;
mod init;
mod lang_cli;
mod lang_render;
mod lang_source;
mod print;
mod robustness;
mod search;
mod serve;
mod support;
