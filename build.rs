//! The default theme is compiled into the binary (`include_dir!` in `src/load.rs`); this tells
//! cargo to rebuild when any file of it changes, which the macro alone does not.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
