//! hoshin's integration tests: one binary that runs the real `hoshin` executable on
//! real files. Each module covers one area; `support` holds the shared helpers.

mod build;
mod corpus;
mod editions;
mod errors;
mod print;
mod robustness;
mod search;
mod serve;
mod support;
