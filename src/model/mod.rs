//! The validated model of a site: releases, pages, units, tags and the archive, with every
//! index (listings, related releases) computed once. Everything here is plain data built from
//! plain data; nothing touches the disk.

pub mod copies;
pub mod html;
pub mod names;
pub mod references;
pub mod release;
pub mod schedule;
pub mod short;
pub mod site;

pub use html::Html;
pub use release::{Image, ImageSource, Page, Parsed, Release};
pub use schedule::{Publication, Show};
pub use site::{Month, Site, Tag};
