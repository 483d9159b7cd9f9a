//! `markdown::render` on arbitrary bytes: the harness is `warta::fuzz::markdown`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| warta::fuzz::markdown(data));
