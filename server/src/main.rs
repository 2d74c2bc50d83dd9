//! `trellis`: the server binary. See `trellis --help`.

use clap::Parser;
use server::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init(cli.log_format);
    // Database work runs on tokio's blocking pool, and only as many calls as the database
    // pool has connections can make progress at once. tokio's default (up to 512 threads)
    // let about 110 threads pile up waiting for a connection under 64 concurrent requests,
    // each with its own stack and allocator arena; past this bound, work waits in tokio's
    // queue instead. The margin is for file reads and connections being opened.
    let blocking_threads = cli.database.pool_size.max(1) as usize + 8;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(blocking_threads)
        .enable_all()
        .build()
    {
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
