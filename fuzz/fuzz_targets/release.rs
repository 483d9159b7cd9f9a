//! `model::release::release` on arbitrary bytes: the harness is `warta::fuzz::release`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| warta::fuzz::release(data));
