//! Publishing on time: a release's state at the moment of the build ([`Publication`]), which
//! states a build shows ([`Show`]), and the next moment the output must change ([`Due`]).
//! `lib::parse` decides the state once per release; everything after asks
//! [`Publication::is_published`] (may it go into a feed, a sitemap, the ledger?) instead of
//! comparing dates again.

use crate::date::Timestamp;
use crate::model::release::Parsed;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

/// Where a release stands at the moment of the build.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Publication {
    /// On the site and in every feed.
    #[default]
    Published,
    /// `draft: true`: only in a `--drafts` preview.
    Draft,
    /// Its `date` is after the build: only in a `--future` preview, until a build at or after
    /// that moment.
    Scheduled(Timestamp),
    /// Its `expires` is at or before the build: out of every build.
    Expired(Timestamp),
    /// `withdrawn:`: its page stays at its URL with the reason, out of every listing, feed,
    /// search index and sitemap.
    Withdrawn(Timestamp),
}

impl Publication {
    /// The state of a release with these fields at `now`. A draft is a draft whatever its dates.
    pub fn at(
        draft: bool,
        date: Timestamp,
        expires: Option<Timestamp>,
        withdrawn: Option<Timestamp>,
        now: DateTime<FixedOffset>,
    ) -> Publication {
        match expires {
            _ if draft => Publication::Draft,
            // A withdrawal is not scheduled: it is in force from the build that reads it.
            _ if withdrawn.is_some() && date.at <= now => {
                Publication::Withdrawn(withdrawn.unwrap_or(date))
            }
            _ if date.at > now => Publication::Scheduled(date),
            Some(end) if end.at <= now => Publication::Expired(end),
            _ => Publication::Published,
        }
    }

    /// The one question the render stage asks: may this release go into a feed, a channel
    /// feed, a sitemap, a social file, a redirect and the ledger? Only a published one may;
    /// a preview (draft or scheduled) is shown on pages but never syndicated.
    pub fn is_published(self) -> bool {
        self == Publication::Published
    }

    /// `published`, `draft`, `scheduled` or `expired`, as templates see it.
    pub fn key(self) -> &'static str {
        match self {
            Publication::Published => "published",
            Publication::Draft => "draft",
            Publication::Scheduled(_) => "scheduled",
            Publication::Expired(_) => "expired",
            Publication::Withdrawn(_) => "withdrawn",
        }
    }

    /// Whether the release is listed (home, units, tags, months, kinds, related): all but a
    /// withdrawn one, whose page alone stays.
    pub fn is_listed(self) -> bool {
        !matches!(self, Publication::Withdrawn(_))
    }
}

/// Which releases a build includes besides the published ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Show {
    /// `--drafts`: releases marked `draft: true`.
    pub drafts: bool,
    /// `--future`: releases dated after the build.
    pub future: bool,
    /// Expired releases: never in a build (their `expires` took them out); `warta social`
    /// finds them to say so.
    pub expired: bool,
}

impl Show {
    /// Only what is published: what a normal build shows.
    pub const PUBLISHED: Show = Show { drafts: false, future: false, expired: false };
    /// Every release, whatever its state (for commands that look a release up).
    pub const ALL: Show = Show { drafts: true, future: true, expired: true };

    /// Whether a release in this state is part of the build.
    pub fn includes(self, p: Publication) -> bool {
        match p {
            Publication::Published => true,
            Publication::Draft => self.drafts,
            Publication::Scheduled(_) => self.future,
            Publication::Expired(_) => self.expired,
            Publication::Withdrawn(_) => true,
        }
    }
}

/// What a release does at its next scheduled moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Its `date` comes: it is published.
    Publishes,
    /// Its `expires` comes: it leaves the site.
    Expires,
}

/// The next moment the site's output must change without any edit: the earliest `date` or
/// `expires` after the build, of a release that is not a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub at: Timestamp,
    pub source: PathBuf,
    pub change: Change,
}

/// What the build's moment did to the site: what it left out, and what comes next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub next_due: Option<Due>,
    /// Releases left out of this build, by state.
    pub drafts: usize,
    /// Held back as drafts because their body is still `warta new`'s ([`Parsed::unwritten`]).
    pub unwritten: usize,
    pub scheduled: usize,
    pub expired: usize,
    /// Copies a computer made of a release, left out ([`crate::model::copies`]).
    pub copies: usize,
}

impl Schedule {
    /// Takes note of one release (in any state) whose publication at the build's moment is
    /// `publication`, whether the build includes it or not.
    pub fn note_at(&mut self, r: &Parsed, publication: Publication, included: bool) {
        let moments = match publication {
            Publication::Draft => None,
            Publication::Scheduled(at) => Some((at, Change::Publishes)),
            Publication::Published => r.expires.map(|at| (at, Change::Expires)),
            Publication::Expired(_) | Publication::Withdrawn(_) => None,
        };
        // A scheduled release that also expires changes twice; the first is the publication.
        if let Some((at, change)) = moments {
            let earlier = match &self.next_due {
                Some(d) => (at, &r.source) < (d.at, &d.source),
                None => true,
            };
            if earlier {
                self.next_due = Some(Due { at, source: r.source.clone(), change });
            }
        }
        if !included {
            match publication {
                Publication::Published | Publication::Withdrawn(_) => {}
                Publication::Draft if r.unwritten.is_some() => self.unwritten += 1,
                Publication::Draft => self.drafts += 1,
                Publication::Scheduled(_) => self.scheduled += 1,
                Publication::Expired(_) => self.expired += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_offset;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s, parse_offset("+08:00").expect("offset")).expect("a date")
    }

    fn now() -> DateTime<FixedOffset> {
        t("2026-11-26T12:00:00").at
    }

    #[test]
    fn a_release_is_published_from_its_date_on() {
        let at = |d: &str| Publication::at(false, t(d), None, None, now());
        assert_eq!(at("2026-11-26T11:59:59"), Publication::Published);
        assert_eq!(at("2026-11-26T12:00:00"), Publication::Published);
        assert_eq!(at("2026-11-26T12:00:01"), Publication::Scheduled(t("2026-11-26T12:00:01")));
        // Its own offset counts: 12:30 WIB is 13:30 WITA, after the build.
        assert!(matches!(at("2026-11-26T12:30:00+07:00"), Publication::Scheduled(_)));
        assert_eq!(at("2026-11-26T11:30:00+08:00"), Publication::Published);
    }

    #[test]
    fn expires_takes_a_release_out_from_that_moment() {
        let date = t("2026-11-01");
        let at = |e: &str| Publication::at(false, date, Some(t(e)), None, now());
        assert_eq!(at("2026-11-26T12:00:00"), Publication::Expired(t("2026-11-26T12:00:00")));
        assert_eq!(at("2026-11-26T12:00:01"), Publication::Published);
    }

    #[test]
    fn a_draft_stays_a_draft_whatever_its_dates() {
        let p = Publication::at(true, t("2030-01-01"), Some(t("2031-01-01")), None, now());
        assert_eq!(p, Publication::Draft);
        assert!(!p.is_published());
        assert!(Show { drafts: true, ..Show::PUBLISHED }.includes(p));
        assert!(!Show { future: true, ..Show::PUBLISHED }.includes(p));
    }

    #[test]
    fn a_withdrawn_release_keeps_its_page_and_leaves_every_list() {
        let p = Publication::at(false, t("2026-11-01"), None, Some(t("2026-11-20")), now());
        assert_eq!(p, Publication::Withdrawn(t("2026-11-20")));
        assert!(!p.is_published() && !p.is_listed());
        assert!(Show::PUBLISHED.includes(p));
        // Withdrawn before it came out: it stays scheduled, and is withdrawn when it would.
        let p = Publication::at(false, t("2026-12-01"), None, Some(t("2026-12-02")), now());
        assert!(matches!(p, Publication::Scheduled(_)));
    }

    #[test]
    fn no_preview_shows_an_expired_release() {
        let p = Publication::Expired(t("2026-01-01"));
        assert!(!Show { drafts: true, future: true, expired: false }.includes(p));
        assert!(Show::ALL.includes(p));
    }
}
