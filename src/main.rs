//! The `warta` command: everything happens in the library; see `cli.rs`.

fn main() -> std::process::ExitCode {
    warta::cli::main()
}
