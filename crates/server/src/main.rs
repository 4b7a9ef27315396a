use clap::{Args, Parser, Subcommand};
use mijn_lexus_server::{simulator, telemetry, Application, Config};

#[derive(Debug, Parser)]
#[command(
    name = "mijn-lexus-server",
    version,
    about = "Mijn Lexus API and SPA server"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Post simulated driving of a fleet to a running server's ingest API.
    Simulate(SimulateArgs),
}

#[derive(Debug, Args)]
struct SimulateArgs {
    /// Same seed, same vehicles, keys and messages.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Days of driving before now.
    #[arg(long, default_value_t = 90)]
    days: u32,
    /// The running server.
    #[arg(long, default_value = "http://localhost:8080")]
    url: String,
    /// Its --telematics-token.
    #[arg(long, env = "TELEMATICS_TOKEN")]
    token: String,
    /// Messages per request.
    #[arg(long, default_value_t = 200)]
    batch: usize,
    /// "now" of the simulation (RFC 3339); default: the current time.
    #[arg(long)]
    now: Option<chrono::DateTime<chrono::Utc>>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = cli.config;
    telemetry::init(config.log_format);
    if let Some(Command::Simulate(args)) = cli.command {
        let now = args.now.unwrap_or_else(chrono::Utc::now);
        let sim = simulator::simulate(args.seed, args.days, now);
        let started = std::time::Instant::now();
        let sent = simulator::post(&sim, &args.url, &args.token, args.batch).await?;
        let secs = started.elapsed().as_secs_f64();
        print!("{}", simulator::describe(&sim));
        println!(
            "sent {sent} messages in {secs:.2} s ({:.0} messages/s)",
            sent as f64 / secs.max(1e-9)
        );
        return Ok(());
    }
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "cannot start");
            return Err(e);
        }
    };
    app.run_until_stopped().await?;
    Ok(())
}
