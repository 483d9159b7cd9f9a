//! `WARTA_TIMINGS=1`: how long each stage of a build took, on standard error, for whoever makes
//! warta faster. Off, it costs one check of a flag read once.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("WARTA_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// The slowest jobs a render ran, with how long each took, when timings are on.
#[derive(Debug, Default)]
pub struct Slowest {
    jobs: std::sync::Mutex<Vec<(std::time::Duration, String)>>,
}

impl Slowest {
    /// Runs `f`, noting how long it took under the name `name` gives (made only when timings
    /// are on).
    pub fn time<T>(&self, name: impl FnOnce() -> String, f: impl FnOnce() -> T) -> T {
        if !enabled() {
            return f();
        }
        let started = Instant::now();
        let out = f();
        let took = started.elapsed();
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.push((took, name()));
        }
        out
    }

    /// Prints the `n` slowest, and how many ran.
    pub fn print(&self, n: usize) {
        let Ok(mut jobs) = self.jobs.lock() else { return };
        if jobs.is_empty() {
            return;
        }
        jobs.sort_by_key(|j| std::cmp::Reverse(j.0));
        let total: std::time::Duration = jobs.iter().map(|j| j.0).sum();
        eprintln!(
            "timing:   {} jobs rendered, {:.2} ms of CPU",
            jobs.len(),
            total.as_secs_f64() * 1000.0
        );
        // Per kind of job (the name up to its first parenthesis), most CPU first.
        let mut kinds: Vec<(&str, std::time::Duration, usize)> = Vec::new();
        for (took, name) in jobs.iter() {
            let kind = name.split('(').next().unwrap_or(name);
            match kinds.iter_mut().find(|k| k.0 == kind) {
                Some(k) => {
                    k.1 += *took;
                    k.2 += 1;
                }
                None => kinds.push((kind, *took, 1)),
            }
        }
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
        for (kind, took, count) in &kinds {
            eprintln!(
                "timing:   {kind:<14} {count:>6} jobs {:>10.2} ms",
                took.as_secs_f64() * 1000.0
            );
        }
        for (took, name) in jobs.iter().take(n) {
            eprintln!("timing:   {:<22} {:>8.2} ms", name, took.as_secs_f64() * 1000.0);
        }
    }
}

/// Runs `f`, printing how long it took under `name` when timings are on.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let cpu = cpu_ms();
    let out = f();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let cpu = match (cpu, cpu_ms()) {
        (Some(a), Some(b)) => format!("  {:>8.2} ms CPU", b - a),
        _ => String::new(),
    };
    eprintln!("timing: {name:<24} {ms:>8.2} ms{cpu}{}", resident());
    out
}

/// The CPU time of the whole process so far, every thread's, in milliseconds: beside a
/// stage's time, it tells a stage that keeps both cores busy from one that leaves one idle.
fn cpu_ms() -> Option<f64> {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
        Some(t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6)
    }
    #[cfg(not(unix))]
    None
}

/// The process's resident memory after a stage, where the system says (Linux): on a machine
/// where the kernel zeroes every fresh page, memory touched is time spent.
fn resident() -> String {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok());
    // statm counts pages; 4 KiB on every machine this runs on.
    pages.map_or_else(String::new, |p| format!("  {:>6} MB resident", p * 4096 / 1_000_000))
}

/// Prints how long it lived under its name when dropped, when timings are on: for a stage
/// that ends with its scope, the drops of what it made included.
#[derive(Debug)]
pub struct Guard<'a> {
    name: &'a str,
    started: Option<Instant>,
}

impl<'a> Guard<'a> {
    pub fn new(name: &'a str) -> Guard<'a> {
        Guard { name, started: enabled().then(Instant::now) }
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        if let Some(started) = self.started {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            eprintln!("timing: {:<24} {ms:>8.2} ms", self.name);
        }
    }
}
