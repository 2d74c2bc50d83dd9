//! `trellis`: the server binary. See `trellis --help`.

use clap::Parser;
use server::cli::Cli;
use std::process::ExitCode;

/// Rendering a page is mostly small allocations (view strings, the hydration data); glibc's
/// allocator took about a quarter of the server's CPU under load in a profile of the ladder
/// page (docs/performance.md). mimalloc is built for this pattern.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One readable line, never a panic trace: this is what an operator sees first.
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
