//! The social layer: captions that fit each channel's rules, share links with UTM parameters,
//! and the per-release `social.json`. Pure functions of a release and the config.

pub mod captions;

pub use captions::Channel;
