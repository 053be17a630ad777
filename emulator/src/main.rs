//! Command-line entry point: binds the emulator, prints its address and the seeded
//! credentials, and serves until SIGTERM or Ctrl-C.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use clap::Parser;
use tracing::Level;

use oksoft_emulator::{
    md5_upper_hex, router, App, Options, DEMO_LOGIN, DEMO_PARTNER_EMAIL, DEMO_PARTNER_ID,
    DEMO_PARTNER_LOGIN, DEMO_PASSWORD, FAULT_HEADER, SPONSOR_PARTNER_ID, SPONSOR_PARTNER_LOGIN,
};

/// Emulator of the OKsoft back-office HTTP API, with the vendor guide's example data in memory.
#[derive(Parser)]
#[command(name = "oksoft-emulator", version)]
struct Cli {
    /// TCP port to listen on; 0 picks a free port, which the first output line reports.
    #[arg(long, default_value_t = 0)]
    port: u16,

    /// IP address to listen on. Other addresses than loopback expose the emulator's
    /// fixed demo credentials to the network.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,

    /// Log only warnings and errors instead of one line per request.
    #[arg(long)]
    quiet: bool,

    /// Number of requests each service ticket from UsersLogin authorises; the next
    /// request with it gets the bad-ticket envelope. Without this option tickets never expire.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    ticket_max_uses: Option<u32>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let log_level = if cli.quiet { Level::WARN } else { Level::INFO };
    tracing_subscriber::fmt()
        .with_max_level(log_level)
        .with_writer(std::io::stderr)
        .init();

    let requested = SocketAddr::new(cli.host, cli.port);
    let listener = match tokio::net::TcpListener::bind(requested).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {requested}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => {
            eprintln!("error: cannot read the bound address of {requested}: {error}");
            return ExitCode::FAILURE;
        }
    };

    if let Err(error) = print_banner(address) {
        eprintln!("error: cannot write to standard output: {error}");
        return ExitCode::FAILURE;
    }
    tracing::info!(%address, "listening");

    let options = Options {
        ticket_max_uses: cli.ticket_max_uses,
    };
    let served = axum::serve(listener, router(App::with_options(options)))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    match served {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: server on {address} failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the address line that tests parse, then the seeded credentials, and flushes
/// so that a parent process reading a pipe receives them at once.
fn print_banner(address: SocketAddr) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "OKsoft emulator listening on http://{address}")?;
    writeln!(
        stdout,
        "Integration account (UsersLogin): login {DEMO_LOGIN}, password {DEMO_PASSWORD} (md5 {})",
        md5_upper_hex(DEMO_PASSWORD)
    )?;
    writeln!(
        stdout,
        "Demo partner 24 (PartnersLogin): login {DEMO_PARTNER_ID} or {DEMO_PARTNER_LOGIN}, password {DEMO_PASSWORD}, e-mail {DEMO_PARTNER_EMAIL}"
    )?;
    writeln!(
        stdout,
        "Sponsor partner 3 (PartnersLogin): login {SPONSOR_PARTNER_ID} or {SPONSOR_PARTNER_LOGIN}, password {DEMO_PASSWORD}"
    )?;
    writeln!(stdout, "Inspection API: GET /_emulator/requests, /_emulator/ledger, /_emulator/password-resets; POST /_emulator/reset")?;
    writeln!(stdout, "Fault modes: header {FAULT_HEADER}, or GET/POST/DELETE /_emulator/faults; POST /_emulator/tickets/expire")?;
    stdout.flush()
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM. When a handler cannot be installed the
/// error is logged and the other signal still stops the server.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };

    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
