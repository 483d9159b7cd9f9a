//! The `warta` command: everything happens in the library; see `cli.rs`.

/// Rendering is allocation-bound; mimalloc cuts the time glibc's malloc spends on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    warta::without_huge_pages();
    warta::cli::main()
}
