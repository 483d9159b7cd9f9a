//! warta's integration tests: small fixture sites from `tests/fixtures/<feature>/<case>/` are
//! copied into a temporary folder, built with the library (or the `warta` binary), and their
//! output is checked file by file. One test binary, one module per feature.

mod base_url;
mod body;
mod build;
mod check_page;
mod cli;
mod deploy;
mod desk;
mod engine;
mod errors;
mod feeds;
mod hostile;
mod import;
mod incremental;
mod language;
mod malformed;
mod paths;
mod photos;
mod portal;
mod previews;
mod report;
mod root;
mod safety;
mod schedule;
mod search;
mod serve;
mod servers;
mod short_links;
mod support;
mod theme;
mod trust;
mod trust_cli;
