//! Tuning of mimalloc, the allocator of the `hoshin` binary (and of the benchmarks that
//! measure it): see [`tune`].

/// How long the process runs, which decides how it uses memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Does one job and exits (`build`, `check`, `pdf`, `compare`): huge pages.
    OneShot,
    /// Keeps a site in memory and rebuilds it (`serve`, `build --watch`): small pages.
    LongRunning,
}

/// Sets how mimalloc (when it is the global allocator) uses transparent huge pages (THP,
/// 2 MiB), unless `MIMALLOC_ALLOW_THP` is set, which then decides.
///
/// mimalloc asks Linux to back its arenas with huge pages (`madvise(MADV_HUGEPAGE)`;
/// nothing changes where THP is off).
/// - [`Lifetime::OneShot`]: huge pages, given back to the system only whole
///   (`MIMALLOC_ALLOW_THP=2`). A build at 10,000 directives touches some 250 MB of fresh
///   memory: 63,000 page faults with 4 KiB pages, some 450 with huge pages. Measured
///   against no huge pages: 5-10 % less wall time in one session, the same median in
///   another (where zeroing memory the VM's host had taken back dominated either way),
///   never slower by the median. By default mimalloc hands memory back in 64 KiB pieces, which breaks
///   huge pages up: a build at 50,000 directives, long enough for that to start, was
///   some 10 % slower than without huge pages; given back whole, it is as fast. Peak
///   memory counts whole huge pages: some 25 MB more at 10,000 directives.
/// - [`Lifetime::LongRunning`]: no huge pages for this process (Linux
///   `PR_SET_THP_DISABLE`). `serve` holds the whole site: with huge pages it took 880 MB
///   at 10,000 directives instead of 610 MB.
///
/// The figures are in `BENCHMARKS.md`.
///
/// # Safety
///
/// Call it first thing in `main`, while no other thread runs: mimalloc's options are
/// not synchronised.
pub unsafe fn tune(lifetime: Lifetime) {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    match lifetime {
        Lifetime::OneShot => {
            // mimalloc's number for the option, read from its header by build.rs.
            let number = option_env!("HOSHIN_MI_OPTION_ALLOW_THP").and_then(|n| n.parse().ok());
            if let Some(allow_thp) = number {
                // SAFETY: sets one of mimalloc's options (a number it reads when it hands
                // memory back) while no other thread runs (the caller's promise).
                unsafe { libmimalloc_sys::mi_option_set(allow_thp, 2) };
            }
        }
        Lifetime::LongRunning => {
            // Also for memory mapped already (the kernel checks at each page fault). The
            // arguments are `unsigned long`s, as the kernel reads them.
            #[cfg(target_os = "linux")]
            // SAFETY: a prctl that takes integers only and changes a flag of this process.
            unsafe {
                let (on, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
                libc::prctl(libc::PR_SET_THP_DISABLE, on, unused, unused, unused);
            }
        }
    }
}
